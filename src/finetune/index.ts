/** Fine-tuning: hosted jobs (OpenAI, Together), the local PEFT script, and the model registry. */
export { FinetuneError } from './errors.ts';
export { readTrainingData, cardHash, sha256, type TrainingData } from './training-data.ts';
export {
  followJob, newCursor, type CreateJobParams, type EventCursor, type FollowOptions, type Hyperparameters,
  type JobEvent, type JobOutcome, type RemoteBackend, type RemoteJob,
} from './job.ts';
export { OpenAiFineTuning, openAiCreateBody, OPENAI_DEFAULT_BASE_URL } from './openai.ts';
export { TogetherFineTuning, togetherCreateBody, TOGETHER_DEFAULT_BASE_URL } from './together.ts';
export { runRemoteFinetune, type RemoteRunOptions, type RemoteRunResult } from './remote.ts';
export { runPeft, peftArgs, peftScriptPath, PEFT_EXIT, type PeftOptions, type PeftRunIo, type PeftRunResult } from './peft.ts';
export {
  appendToRegistry, registryEntry, registryPath, studyModel, studySnippet, REGISTRY_FILE,
  type FinetuneBackendName, type RegistryEntry, type TrainedModel,
} from './registry.ts';
