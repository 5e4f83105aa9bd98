# source: https://github.com/nomic-ai/gpt4all/issues/450
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, helper
# needs: torch, pyyaml
# cpu: no written where torch was not installed; not run
from dataclasses import dataclass, fields

import torch
import yaml


@dataclass
class GenerateConfig:
    model_name: str = "nomic-ai/gpt4all-j"
    tokenizer_name: str = "nomic-ai/gpt4all-j"
    max_new_tokens: int = 256
    temperature: float = 0.7
    top_p: float = 0.95
    prompt_template: str = "### Prompt:\n{prompt}\n### Response:\n"

    @classmethod
    def from_yaml(cls, path):
        with open(path, encoding="utf-8") as f:
            raw = yaml.safe_load(f) or {}
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in known})


def pick_device():
    if torch.cuda.is_available():
        return torch.device("cuda")
    print("CUDA not available, generating on CPU")
    return torch.device("cpu")
