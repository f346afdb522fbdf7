/**
 * The files a build writes: the canonical JSONL of each split (every field of every example, keys
 * in a fixed order, so its sha256 identifies the data), and the training formats:
 * - OpenAI chat fine-tuning JSONL: `{messages: [system, user, assistant]}`;
 * - Hugging Face datasets JSONL, conversational (`{messages}`) and prompt/completion (`{prompt, completion}`);
 * - an axolotl config training a LoRA adapter on the conversational HF files.
 * The assistant's answer is the secure code in a Markdown fence, as secfix extracts code from answers.
 */
import { stringify } from 'yaml';
import { fenced, type Example } from './example.ts';
import type { SplitName } from './split.ts';

export const EXPORT_FORMATS = ['openai', 'hf', 'axolotl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The system message of every conversation. */
export const SYSTEM_PROMPT = 'You are a secure coding assistant. Write correct code that has no security weaknesses (CWEs): validate untrusted input, and use parameterised queries, safe APIs and secrets from the environment.';

/** One example as a canonical JSON line (fixed key order, provenance keys sorted). */
export function canonicalLine(e: Example): string {
  const provenance = Object.fromEntries(Object.entries(e.provenance).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify({
    id: e.id, source: e.source, kind: e.kind, language: e.language, cwe: e.cwe, prompt: e.prompt,
    ...(e.insecure !== undefined ? { insecure: e.insecure } : {}), secure: e.secure,
    ...(e.scenarioId !== undefined ? { scenarioId: e.scenarioId } : {}),
    ...(e.model !== undefined ? { model: e.model } : {}),
    ...(e.strategy !== undefined ? { strategy: e.strategy } : {}),
    provenance,
  });
}

/** The assistant's answer: the secure code, fenced. */
export function completionOf(e: Example): string {
  return fenced(e.secure, e.language);
}

export function chatLine(e: Example): string {
  return JSON.stringify({
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: e.prompt },
      { role: 'assistant', content: completionOf(e) },
    ],
  });
}

export function promptCompletionLine(e: Example): string {
  return JSON.stringify({ prompt: e.prompt, completion: completionOf(e) });
}

/** JSONL text of lines (empty for no lines, else newline-terminated). */
export function jsonl(lines: readonly string[]): string {
  return lines.map((l) => `${l}\n`).join('');
}

/** LoRA settings written into the axolotl config. */
export interface LoraSettings {
  baseModel: string;
  r: number;
  alpha: number;
  dropout: number;
  targetModules: string[];
  sequenceLen: number;
  epochs: number;
  learningRate: number;
}

export const DEFAULT_LORA: LoraSettings = {
  baseModel: 'REPLACE-WITH-BASE-MODEL',
  r: 16,
  alpha: 32,
  dropout: 0.05,
  targetModules: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'],
  sequenceLen: 4096,
  epochs: 3,
  learningRate: 0.0002,
};

/** Relative path of a split's file for a format, inside the output directory. */
export function exportPath(format: 'openai' | 'hf-messages' | 'hf-prompt-completion', split: SplitName): string {
  return format === 'openai' ? `openai/${split}.jsonl` : format === 'hf-messages' ? `hf/messages/${split}.jsonl` : `hf/prompt-completion/${split}.jsonl`;
}

/** An axolotl config (YAML) for a LoRA adapter on the conversational HF files; paths are relative to the output directory. */
export function axolotlConfig(lora: LoraSettings = DEFAULT_LORA, options: { hasValidation?: boolean; seed?: number } = {}): string {
  const hasValidation = options.hasValidation ?? true;
  const dataset = (split: SplitName) => ({ path: exportPath('hf-messages', split), ds_type: 'json', ...(split === 'validation' ? { split: 'train' } : {}), type: 'chat_template', field_messages: 'messages' });
  const config = {
    base_model: lora.baseModel,
    chat_template: 'tokenizer_default',
    datasets: [dataset('train')],
    ...(hasValidation ? { test_datasets: [dataset('validation')] } : { val_set_size: 0 }),
    dataset_prepared_path: 'prepared',
    output_dir: 'outputs/lora',
    adapter: 'lora',
    lora_r: lora.r,
    lora_alpha: lora.alpha,
    lora_dropout: lora.dropout,
    lora_target_modules: lora.targetModules,
    sequence_len: lora.sequenceLen,
    sample_packing: false,
    pad_to_sequence_len: false,
    num_epochs: lora.epochs,
    learning_rate: lora.learningRate,
    micro_batch_size: 2,
    gradient_accumulation_steps: 4,
    optimizer: 'adamw_torch',
    lr_scheduler: 'cosine',
    warmup_ratio: 0.03,
    bf16: 'auto',
    train_on_inputs: false,
    seed: options.seed ?? 0,
  };
  return `# axolotl config written by secfix dataset build; set base_model, then: axolotl train axolotl.yaml (from this directory)\n${stringify(config)}`;
}
