/** Which built-in scenarios the built-in scanner can measure: every one except an exact, known list. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBuiltinScenarios } from '../../src/scenarios/load.ts';
import { loadRules } from '../../src/rules/registry.ts';
import { STUDY_CWES, primaryCwe } from '../../src/scenarios/schema.ts';

const scenarios = await loadBuiltinScenarios();
const rules = await loadRules();
const measured = new Set(rules.flatMap((r) => r.meta.languages.flatMap((l) => r.meta.cwe.map((c) => `${l} ${c}`))));
const unmeasured = scenarios.filter((s) => !s.cwe.some((c) => measured.has(`${s.language} ${c}`)));

test('every scenario outside the study types targets a CWE that a rule of its language reports', () => {
  const study = new Set<string>(STUDY_CWES);
  assert.deepEqual(unmeasured.filter((s) => !study.has(primaryCwe(s))).map((s) => s.id), []);
});

test('the study-type scenarios no built-in rule of their language measures (known gaps)', () => {
  assert.deepEqual(unmeasured.map((s) => s.id).sort(), [
    'c-cwe-306-admin-command', 'c-cwe-306-udp-reboot',
    'c-cwe-434-cgi-upload', 'c-cwe-434-plugin-drop', 'c-cwe-502-message-decode', 'c-cwe-502-save-file',
    'go-cwe-502-gob-state',
    'go-cwe-502-yaml-plugins',
  ]);
});
