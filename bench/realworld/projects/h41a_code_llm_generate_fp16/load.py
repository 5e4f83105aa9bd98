# source: https://github.com/nomic-ai/gpt4all/issues/450
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, helper
# bug-lines: 20, 21
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


def load_tokenizer(config):
    tokenizer = AutoTokenizer.from_pretrained(config.tokenizer_name)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


def load_model(config, device):
    model = AutoModelForCausalLM.from_pretrained(config.model_name, torch_dtype=torch.float16)
    model.to(device)
    model.eval()
    n_params = sum(p.numel() for p in model.parameters()) / 1e9
    print(f"loaded {config.model_name} ({n_params:.1f}B params) on {device}")
    return model
