# source: https://github.com/feifeibear/LLMSpeculativeSampling/issues/21
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: current-gpu-mismatch
# shape: multi-file, helper
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Load the small draft model and the large target model on separate GPUs."""
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


def load_tokenizer(name):
    tok = AutoTokenizer.from_pretrained(name)
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
    return tok


def load_model(name, gpu, dtype=torch.float16):
    model = AutoModelForCausalLM.from_pretrained(name, torch_dtype=dtype, trust_remote_code=True)
    return model.to(torch.device("cuda", gpu)).eval()


def load_draft_and_target(draft_name, target_name, draft_gpu=1, target_gpu=0):
    """Keep the 7B target alone on one card; the 68M/1B draft gets the second card."""
    draft = load_model(draft_name, draft_gpu)
    target = load_model(target_name, target_gpu)
    return draft, target
