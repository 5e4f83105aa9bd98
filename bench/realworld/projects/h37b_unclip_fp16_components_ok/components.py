# source: https://github.com/huggingface/diffusers/issues/2831
# error: RuntimeError: mat1 and mat2 must have the same dtype
# pattern: partial-dtype-cast
# shape: multi-file, helper
# looks-like: partial-dtype-cast
# needs: torch, diffusers, transformers
# cpu: no written where torch was not installed; not run
import torch
from diffusers import DDPMScheduler, UnCLIPScheduler
from diffusers.models import PriorTransformer
from transformers import CLIPTextModelWithProjection, CLIPTokenizer

PRIOR_ID = "kakaobrain/karlo-v1-alpha"
PRIOR_TEXT_ID = "openai/clip-vit-large-patch14"
DTYPE = torch.float16


def load_prior_stack(dtype=DTYPE):
    """Components swapped into the UnCLIP pipeline; they are loaded separately, so they
    must be given the same dtype as the pipeline itself."""
    prior = PriorTransformer.from_pretrained(PRIOR_ID, subfolder="prior", torch_dtype=dtype)
    tokenizer = CLIPTokenizer.from_pretrained(PRIOR_TEXT_ID)
    text_model = CLIPTextModelWithProjection.from_pretrained(PRIOR_TEXT_ID, torch_dtype=dtype)
    karlo_scheduler = UnCLIPScheduler.from_pretrained(PRIOR_ID, subfolder="prior_scheduler")
    return {
        "prior": prior,
        "prior_tokenizer": tokenizer,
        "prior_text_encoder": text_model,
        "prior_scheduler": DDPMScheduler.from_config(karlo_scheduler.config),
    }
