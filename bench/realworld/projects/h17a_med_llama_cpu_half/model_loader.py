# source: https://github.com/SCIR-HI/Huatuo-Llama-Med-Chinese/issues/43
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, helper
# bug-lines: 23, 28, 29
# needs: torch, transformers, peft
# cpu: no written where torch was not installed; not run
"""Load the LLaMA base model plus the medical-knowledge LoRA weights."""
import torch
from peft import PeftModel
from transformers import LlamaForCausalLM, LlamaTokenizer


def load_tokenizer(base_model):
    tokenizer = LlamaTokenizer.from_pretrained(base_model)
    tokenizer.pad_token_id = 0
    return tokenizer


def load_model(base_model, lora_weights=None, device="cuda"):
    model = LlamaForCausalLM.from_pretrained(
        base_model,
        torch_dtype=torch.float16,
        low_cpu_mem_usage=True,
    )
    if lora_weights:
        model = PeftModel.from_pretrained(model, lora_weights, torch_dtype=torch.float16)
    model.half()
    model.to(device)
    model.eval()
    return model
