/** Provider ids parse into the right provider with the right endpoint; bad ids are ConfigErrors. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../../src/core/errors.ts';
import { AnthropicProvider } from '../../src/providers/anthropic.ts';
import { OllamaProvider } from '../../src/providers/ollama.ts';
import { OpenAiCompatibleProvider } from '../../src/providers/openai-compatible.ts';
import { createProvider, parseProviderId } from '../../src/providers/registry.ts';
import { ReplayProvider } from '../../src/providers/replay.ts';
import { json, startServer, type TestServer } from './server.ts';

const servers: TestServer[] = [];
after(async () => {
  for (const s of servers) await s.close();
});

test('parseProviderId', () => {
  assert.deepEqual(parseProviderId('openai:gpt-4.1'), { kind: 'openai', model: 'gpt-4.1' });
  assert.deepEqual(parseProviderId('anthropic:claude-sonnet-4-5'), { kind: 'anthropic', model: 'claude-sonnet-4-5' });
  assert.deepEqual(parseProviderId('ollama:qwen2.5-coder:7b'), { kind: 'ollama', model: 'qwen2.5-coder:7b' });
  assert.deepEqual(parseProviderId('openai-compatible:vllm'), { kind: 'openai-compatible', name: 'vllm' });
  assert.deepEqual(parseProviderId('openai-compatible:together:deepseek-ai/DeepSeek-R1-Distill-Qwen-32B'), {
    kind: 'openai-compatible', name: 'together', model: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-32B',
  });
  assert.deepEqual(parseProviderId('replay:runs/study.jsonl'), { kind: 'replay', file: 'runs/study.jsonl' });
  assert.deepEqual(parseProviderId('replay:C:/x.jsonl'), { kind: 'replay', file: 'C:/x.jsonl' });
});

test('unknown or incomplete ids are ConfigErrors with a hint', () => {
  assert.throws(() => parseProviderId('gemini:2.0-flash'), (e: unknown) => {
    assert.ok(e instanceof ConfigError);
    assert.equal(e.message, 'unknown provider "gemini" in model id "gemini:2.0-flash"');
    assert.equal(e.hint, 'use one of openai:…, anthropic:…, ollama:…, openai-compatible:…, replay:…, llama-cpp:…');
    return true;
  });
  assert.throws(() => parseProviderId('gpt-4.1'), { message: 'unknown provider "gpt-4.1" in model id "gpt-4.1"' });
  assert.throws(() => parseProviderId('openai:'), { message: 'model id "openai:" needs a model name after "openai:"' });
  assert.throws(() => parseProviderId('replay:'), { message: 'model id "replay:" needs a file after "replay:"' });
  assert.throws(() => parseProviderId('openai-compatible:vllm:'), ConfigError);
});

test('createProvider builds each kind, reading keys from the named env var', () => {
  const env = { OPENAI_API_KEY: 'sk-o', ANTHROPIC_API_KEY: 'sk-a', TOGETHER_KEY: 'sk-t' };
  assert.ok(createProvider('openai:gpt-4.1', { env }) instanceof OpenAiCompatibleProvider);
  assert.ok(createProvider('anthropic:claude-opus-4-1', { env }) instanceof AnthropicProvider);
  assert.ok(createProvider('ollama:qwen2.5-coder:7b', { env: {} }) instanceof OllamaProvider);
  assert.ok(createProvider('replay:x.jsonl') instanceof ReplayProvider);
  const p = createProvider('openai-compatible:together:meta-llama/Llama-3.3-70B', {
    env, openaiCompatible: { together: { baseUrl: 'https://api.together.xyz/v1', apiKeyEnv: 'TOGETHER_KEY' } },
  });
  assert.equal(p.id, 'openai-compatible:together:meta-llama/Llama-3.3-70B');
  assert.equal((p as OpenAiCompatibleProvider).body({ messages: [{ role: 'user', content: 'x' }], maxTokens: 5 }).model, 'meta-llama/Llama-3.3-70B');
  assert.equal((p as OpenAiCompatibleProvider).body({ messages: [{ role: 'user', content: 'x' }], maxTokens: 5 }).max_tokens, 5);
  const o = createProvider('openai:gpt-5', { env }) as OpenAiCompatibleProvider;
  assert.equal(o.body({ messages: [{ role: 'user', content: 'x' }], maxTokens: 5 }).max_completion_tokens, 5);
});

test('missing keys, servers and models are ConfigErrors that never echo a key', () => {
  assert.throws(() => createProvider('openai:gpt-4.1', { env: {} }), {
    name: 'ConfigError', message: 'openai:gpt-4.1: environment variable OPENAI_API_KEY is not set',
  });
  assert.throws(() => createProvider('anthropic:claude-x', { env: {}, anthropic: { apiKeyEnv: 'MY_ANT' } }), {
    message: 'anthropic:claude-x: environment variable MY_ANT is not set',
  });
  assert.throws(() => createProvider('openai-compatible:vllm', { openaiCompatible: { lmstudio: { baseUrl: 'http://127.0.0.1:1234/v1' } } }), (e: unknown) => {
    assert.ok(e instanceof ConfigError);
    assert.equal(e.message, 'openai-compatible:vllm: no openai-compatible server named "vllm" in the config');
    assert.equal(e.hint, 'configured: lmstudio');
    return true;
  });
  assert.throws(() => createProvider('openai-compatible:vllm', { openaiCompatible: { vllm: { baseUrl: 'http://127.0.0.1:8000/v1' } } }), {
    message: 'openai-compatible:vllm: no model; write openai-compatible:vllm:MODEL or set model in its config',
  });
});

test('a configured compatible server is called with its base URL, key and headers', async () => {
  const s = await startServer([json(200, { id: 'c', choices: [{ message: { content: 'hi' }, finish_reason: 'stop' }] })]);
  servers.push(s);
  const p = createProvider('openai-compatible:local', {
    env: { LOCAL_KEY: 'sk-local-123' },
    stream: false,
    openaiCompatible: { local: { baseUrl: `${s.url}/v1/`, apiKeyEnv: 'LOCAL_KEY', model: 'qwen', headers: { 'x-title': 'secfix' } } },
  });
  const g = await p.generate({ messages: [{ role: 'user', content: 'x' }] });
  assert.equal(g.text, 'hi');
  assert.equal(s.requests[0].url, '/v1/chat/completions');
  assert.equal(s.requests[0].headers.authorization, 'Bearer sk-local-123');
  assert.equal(s.requests[0].headers['x-title'], 'secfix');
  assert.equal(s.requests[0].body.model, 'qwen');
});
