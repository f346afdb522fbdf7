#!/usr/bin/env python3
"""Train a LoRA adapter on a secfix chat dataset with transformers + peft + trl (SFTTrainer).

`--dry-run` checks the data and the settings with the standard library only: no torch, no GPU.
The heavy packages are imported inside `train()` so that the check runs anywhere.

Exit codes: 0 ok, 1 invalid data, 2 invalid settings, 3 unreadable file, 4 missing packages or
no GPU, 5 training failed. The script trains on the text it is given; it never runs that text.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from typing import Any

EXIT_OK, EXIT_DATA, EXIT_CONFIG, EXIT_INPUT, EXIT_ENV, EXIT_TRAIN = 0, 1, 2, 3, 4, 5
ROLES = ("system", "user", "assistant")
PRECISIONS = ("bf16", "fp16", "fp32")
MAX_REPORTED_PROBLEMS = 20

DEFAULTS: dict[str, Any] = {
    "model": None,
    "output": None,
    "validation": None,
    "rank": 16,
    "alpha": 32,
    "dropout": 0.05,
    "target_modules": "all-linear",
    "learning_rate": 2e-4,
    "epochs": 3,
    "batch_size": 4,
    "grad_accum": 4,
    "max_seq_length": 2048,
    "precision": "bf16",
    "seed": 42,
    "adapter_name": None,
}


class Problem(Exception):
    """A message for the user and the exit code that goes with it."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


# ---------------------------------------------------------------- settings


def read_config_file(path: str) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        raise Problem(f"cannot read config {path}: {e.strerror}", EXIT_INPUT)
    if path.endswith((".yaml", ".yml")):
        try:
            import yaml  # PyYAML, only for YAML configs
        except ImportError:
            raise Problem(f"config {path} is YAML but PyYAML is not installed (pip install pyyaml, or write the config as JSON)", EXIT_ENV)
        try:
            doc = yaml.safe_load(text)
        except yaml.YAMLError as e:
            raise Problem(f"config {path} is not valid YAML: {str(e).splitlines()[0]}", EXIT_CONFIG)
    else:
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as e:
            raise Problem(f"config {path} is not valid JSON: {e.msg} at line {e.lineno}", EXIT_CONFIG)
    if doc is None:
        return {}
    if not isinstance(doc, dict):
        raise Problem(f"config {path} must be a mapping of settings", EXIT_CONFIG)
    unknown = sorted(k for k in doc if k.replace("-", "_") not in DEFAULTS)
    if unknown:
        raise Problem(f"config {path}: unknown setting(s): {', '.join(unknown)} (known: {', '.join(sorted(DEFAULTS))})", EXIT_CONFIG)
    return {k.replace("-", "_"): v for k, v in doc.items()}


def _number(name: str, value: Any, kind: type, low: float, high: float | None = None, low_open: bool = False) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind is int and not isinstance(value, int) and not float(value).is_integer()):
        raise Problem(f"{name}: expected {'an integer' if kind is int else 'a number'}, got {value!r}", EXIT_CONFIG)
    v = kind(value)
    if (v <= low if low_open else v < low) or (high is not None and v >= high):
        bound = f"> {low}" if low_open else f">= {low}"
        raise Problem(f"{name}: expected a value {bound}{f' and < {high}' if high is not None else ''}, got {value!r}", EXIT_CONFIG)
    return v


def resolve_settings(args: argparse.Namespace) -> dict[str, Any]:
    """Defaults, then the config file, then the flags given on the command line; then checked."""
    s = dict(DEFAULTS)
    if args.config:
        s.update(read_config_file(args.config))
    for key in DEFAULTS:
        value = getattr(args, key, None)
        if value is not None:
            s[key] = value
    if not s["model"] or not isinstance(s["model"], str):
        raise Problem("model: the base model is required (--model, a Hugging Face id or a local path)", EXIT_CONFIG)
    if not s["output"] or not isinstance(s["output"], str):
        raise Problem("output: the adapter's output directory is required (--output)", EXIT_CONFIG)
    s["rank"] = _number("rank", s["rank"], int, 1)
    s["alpha"] = _number("alpha", s["alpha"], float, 0, low_open=True)
    if float(s["alpha"]).is_integer():
        s["alpha"] = int(s["alpha"])
    s["dropout"] = _number("dropout", s["dropout"], float, 0, 1)
    s["learning_rate"] = _number("learning_rate", s["learning_rate"], float, 0, low_open=True)
    s["epochs"] = _number("epochs", s["epochs"], float, 0, low_open=True)
    if float(s["epochs"]).is_integer():
        s["epochs"] = int(s["epochs"])
    s["batch_size"] = _number("batch_size", s["batch_size"], int, 1)
    s["grad_accum"] = _number("grad_accum", s["grad_accum"], int, 1)
    s["max_seq_length"] = _number("max_seq_length", s["max_seq_length"], int, 16)
    s["seed"] = _number("seed", s["seed"], int, 0)
    if s["precision"] not in PRECISIONS:
        raise Problem(f"precision: expected one of {', '.join(PRECISIONS)}, got {s['precision']!r}", EXIT_CONFIG)
    tm = s["target_modules"]
    if isinstance(tm, str):
        tm = tm if tm == "all-linear" else [m.strip() for m in tm.split(",") if m.strip()]
    if not tm or (isinstance(tm, list) and not all(isinstance(m, str) and m for m in tm)):
        raise Problem("target_modules: expected all-linear or module names such as q_proj,v_proj", EXIT_CONFIG)
    s["target_modules"] = tm
    if not s["adapter_name"]:
        s["adapter_name"] = os.path.basename(os.path.normpath(s["output"])) or "secfix-lora"
    return s


# ---------------------------------------------------------------- data


def check_example(obj: Any) -> tuple[str, dict[str, int], str | None]:
    """The example's kind, its role counts, and the first thing wrong with it (or None)."""
    counts = {r: 0 for r in ROLES}
    if not isinstance(obj, dict):
        return "", counts, "not a JSON object"
    if "messages" in obj:
        msgs = obj["messages"]
        if not isinstance(msgs, list) or not msgs:
            return "chat", counts, "messages must be a non-empty list"
        expected = "user"
        for i, m in enumerate(msgs):
            if not isinstance(m, dict):
                return "chat", counts, f"messages[{i}] is not an object"
            role, content = m.get("role"), m.get("content")
            if role not in ROLES:
                return "chat", counts, f"messages[{i}].role must be system, user or assistant, got {role!r}"
            if not isinstance(content, str) or not content.strip():
                return "chat", counts, f"messages[{i}].content must be a non-empty string"
            if role == "system":
                if i != 0:
                    return "chat", counts, f"messages[{i}]: a system message may only come first"
            elif role != expected:
                return "chat", counts, f"messages[{i}]: expected {'an' if expected == 'assistant' else 'a'} {expected} turn, got {role}"
            else:
                expected = "assistant" if role == "user" else "user"
            counts[role] += 1
        if msgs[-1].get("role") != "assistant":
            return "chat", counts, "the last message must be an assistant turn"
        return "chat", counts, None
    if "prompt" in obj or "completion" in obj:
        for key in ("prompt", "completion"):
            v = obj.get(key)
            if not isinstance(v, str) or not v.strip():
                return "prompt-completion", counts, f"{key} must be a non-empty string"
        return "prompt-completion", counts, None
    return "", counts, "expected a messages list or prompt and completion"


def validate_data(path: str) -> dict[str, Any]:
    """Read a JSONL file and check every line; raises Problem(EXIT_DATA) listing what is wrong."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        raise Problem(f"cannot read training data {path}: {e.strerror}", EXIT_INPUT)
    stats: dict[str, Any] = {
        "path": path,
        "sha256": hashlib.sha256(raw).hexdigest(),
        "examples": 0,
        "chat": 0,
        "prompt_completion": 0,
        "messages": {r: 0 for r in ROLES},
        "records": [],
    }
    problems: list[str] = []
    name = os.path.basename(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Problem(f"{name}: not UTF-8 text", EXIT_DATA)
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"{name}:{n}: not JSON ({e.msg})")
            continue
        kind, counts, err = check_example(obj)
        if err:
            problems.append(f"{name}:{n}: {err}")
            continue
        stats["examples"] += 1
        if kind == "chat":
            stats["chat"] += 1
            for r in ROLES:
                stats["messages"][r] += counts[r]
        else:
            stats["prompt_completion"] += 1
        stats["records"].append(obj)
    if problems:
        shown = problems[:MAX_REPORTED_PROBLEMS]
        more = len(problems) - len(shown)
        lines = [f"{len(problems)} invalid example(s) in {name}:"] + [f"  {p}" for p in shown]
        if more:
            lines.append(f"  … and {more} more")
        raise Problem("\n".join(lines), EXIT_DATA)
    if stats["examples"] == 0:
        raise Problem(f"{name}: no examples", EXIT_DATA)
    return stats


def describe_data(label: str, st: dict[str, Any]) -> str:
    m = st["messages"]
    return (
        f"{label}: {os.path.basename(st['path'])}: {st['examples']} example(s) "
        f"({st['chat']} chat, {st['prompt_completion']} prompt/completion); "
        f"messages: {m['system']} system, {m['user']} user, {m['assistant']} assistant; sha256:{st['sha256']}"
    )


def describe_settings(s: dict[str, Any]) -> str:
    tm = s["target_modules"] if isinstance(s["target_modules"], str) else ",".join(s["target_modules"])
    rows = [
        ("model", s["model"]),
        ("output", s["output"]),
        ("adapter name", s["adapter_name"]),
        ("lora rank", s["rank"]),
        ("lora alpha", s["alpha"]),
        ("lora dropout", s["dropout"]),
        ("target modules", tm),
        ("learning rate", s["learning_rate"]),
        ("epochs", s["epochs"]),
        ("batch size", s["batch_size"]),
        ("gradient accumulation", s["grad_accum"]),
        ("effective batch size", s["batch_size"] * s["grad_accum"]),
        ("max sequence length", s["max_seq_length"]),
        ("precision", s["precision"]),
        ("seed", s["seed"]),
    ]
    return "settings:\n" + "\n".join(f"  {k}: {v}" for k, v in rows)


def serving_help(s: dict[str, Any]) -> str:
    out = os.path.abspath(s["output"])
    name = s["adapter_name"]
    return "\n".join(
        [
            "serve the adapter:",
            f"  vLLM:      vllm serve {s['model']} --enable-lora --lora-modules {name}={out} --max-lora-rank {max(s['rank'], 8)}",
            f"             then use the model id openai-compatible:vllm:{name} with baseUrl http://localhost:8000/v1",
            f"  Ollama:    convert to GGUF (llama.cpp convert_lora_to_gguf.py {out} --outfile {name}.gguf), then a Modelfile:",
            "               FROM <the base model in Ollama>",
            f"               ADAPTER ./{name}.gguf",
            f"  llama.cpp: python convert_lora_to_gguf.py {out} --outfile {name}.gguf --base <base model dir>",
            f"             llama-server -m <base>.gguf --lora {name}.gguf",
        ]
    )


# ---------------------------------------------------------------- training


def train(s: dict[str, Any], data: dict[str, Any], validation: dict[str, Any] | None) -> None:
    """The real run: needs torch, transformers, peft, trl, datasets and (normally) a GPU."""
    missing = []
    for mod in ("torch", "transformers", "peft", "trl", "datasets"):
        try:
            __import__(mod)
        except ImportError:
            missing.append(mod)
    if missing:
        raise Problem(
            f"training needs the Python packages {', '.join(missing)} (pip install -r {os.path.join(os.path.dirname(os.path.abspath(__file__)), 'requirements.txt')}); "
            "--dry-run checks the data and settings without them",
            EXIT_ENV,
        )
    import torch
    from datasets import Dataset
    from peft import LoraConfig
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from trl import SFTConfig, SFTTrainer

    if not torch.cuda.is_available() and not os.environ.get("SECFIX_PEFT_ALLOW_CPU"):
        raise Problem("no CUDA GPU is visible; training a LoRA adapter needs one (set SECFIX_PEFT_ALLOW_CPU=1 to try on the CPU, for tiny models only)", EXIT_ENV)
    if s["precision"] == "bf16" and torch.cuda.is_available() and not torch.cuda.is_bf16_supported():
        raise Problem("precision bf16 is not supported on this GPU; use --precision fp16", EXIT_CONFIG)

    torch.manual_seed(s["seed"])
    tokenizer = AutoTokenizer.from_pretrained(s["model"])
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    dtype = {"bf16": torch.bfloat16, "fp16": torch.float16, "fp32": torch.float32}[s["precision"]]
    model = AutoModelForCausalLM.from_pretrained(s["model"], torch_dtype=dtype)

    lora = LoraConfig(
        r=s["rank"],
        lora_alpha=s["alpha"],
        lora_dropout=s["dropout"],
        target_modules=s["target_modules"],
        bias="none",
        task_type="CAUSAL_LM",
    )
    config_args: dict[str, Any] = dict(
        output_dir=s["output"],
        num_train_epochs=s["epochs"],
        per_device_train_batch_size=s["batch_size"],
        gradient_accumulation_steps=s["grad_accum"],
        learning_rate=s["learning_rate"],
        bf16=s["precision"] == "bf16",
        fp16=s["precision"] == "fp16",
        seed=s["seed"],
        logging_steps=1,
        save_strategy="no",
        report_to=[],
    )
    # trl renamed max_seq_length to max_length (0.20); accept either
    import inspect

    fields = inspect.signature(SFTConfig.__init__).parameters
    config_args["max_length" if "max_length" in fields else "max_seq_length"] = s["max_seq_length"]
    trainer_args: dict[str, Any] = dict(
        model=model,
        args=SFTConfig(**config_args),
        train_dataset=Dataset.from_list(data["records"]),
        peft_config=lora,
    )
    if validation:
        trainer_args["eval_dataset"] = Dataset.from_list(validation["records"])
    tparams = inspect.signature(SFTTrainer.__init__).parameters
    trainer_args["processing_class" if "processing_class" in tparams else "tokenizer"] = tokenizer
    trainer = SFTTrainer(**trainer_args)
    try:
        trainer.train()
    except Exception as e:  # a training failure is reported as one line, not a traceback
        raise Problem(f"training failed: {type(e).__name__}: {e}", EXIT_TRAIN)
    trainer.save_model(s["output"])
    tokenizer.save_pretrained(s["output"])
    provenance = {
        "base": s["model"],
        "adapter_name": s["adapter_name"],
        "training_data_sha256": data["sha256"],
        "settings": {k: v for k, v in s.items() if k not in ("output",)},
    }
    with open(os.path.join(s["output"], "secfix-adapter.json"), "w", encoding="utf-8") as f:
        json.dump(provenance, f, indent=2)
        f.write("\n")


# ---------------------------------------------------------------- CLI


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="train.py", description="Train a LoRA adapter on a secfix chat dataset (JSONL).")
    p.add_argument("--data", required=True, help="training JSONL: {messages:[…]} or {prompt, completion} per line")
    p.add_argument("--validation", help="validation JSONL, same format")
    p.add_argument("--config", help="settings as YAML or JSON (flags override it)")
    p.add_argument("--model", help="base model: a Hugging Face id or a local directory")
    p.add_argument("--output", help="directory the adapter is written to")
    p.add_argument("--adapter-name", dest="adapter_name", help="name the adapter is served under (default: the output directory's name)")
    p.add_argument("--rank", type=int)
    p.add_argument("--alpha", type=float)
    p.add_argument("--dropout", type=float)
    p.add_argument("--target-modules", dest="target_modules", help="all-linear, or comma-separated module names")
    p.add_argument("--learning-rate", dest="learning_rate", type=float)
    p.add_argument("--epochs", type=float)
    p.add_argument("--batch-size", dest="batch_size", type=int)
    p.add_argument("--grad-accum", dest="grad_accum", type=int)
    p.add_argument("--max-seq-length", dest="max_seq_length", type=int)
    p.add_argument("--precision", choices=PRECISIONS)
    p.add_argument("--seed", type=int)
    p.add_argument("--dry-run", action="store_true", help="check data and settings only (no packages, no GPU needed)")
    return p.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    try:
        s = resolve_settings(args)
        data = validate_data(args.data)
        validation = validate_data(s["validation"]) if s["validation"] else None
        print(describe_data("training data", data))
        if validation:
            print(describe_data("validation data", validation))
        print(describe_settings(s))
        if args.dry_run:
            print("dry run: data and settings are valid; nothing was trained")
            print(serving_help(s))
            return EXIT_OK
        train(s, data, validation)
        print(f"adapter written to {os.path.abspath(s['output'])}")
        print(serving_help(s))
        return EXIT_OK
    except Problem as e:
        print(f"train.py: {e}", file=sys.stderr)
        return e.code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
