# source: https://github.com/kserve/kserve/pull/3657
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: multi-file, helper
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import logging
from dataclasses import dataclass

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer, PreTrainedModel, PreTrainedTokenizerBase

logger = logging.getLogger("textgen")


@dataclass
class LoadedGenerator:
    model: PreTrainedModel
    tokenizer: PreTrainedTokenizerBase
    device: torch.device


def load_generator(model_dir, dtype="float16"):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    torch_dtype = getattr(torch, dtype) if device.type == "cuda" else torch.float32
    logger.info("Loading generative model from %s", model_dir)
    tokenizer = AutoTokenizer.from_pretrained(model_dir, padding_side="left")
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    logger.info("Successfully loaded tokenizer")
    model = AutoModelForCausalLM.from_pretrained(model_dir, torch_dtype=torch_dtype)
    model.to(device)
    model.eval()
    logger.info("Successfully loaded model on %s", device)
    return LoadedGenerator(model=model, tokenizer=tokenizer, device=device)
