# source: https://github.com/mulanai/MuLan/issues/6
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: adapter-after-placement
# shape: multi-file, helper
# bug-lines: 45
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import functools

import torch
from transformers import AutoModel, AutoTokenizer

from adapter import load_language_adapter


@torch.no_grad()
def encode_prompt_multilingual(pipe, prompt, device=None, num_images_per_prompt=1,
                               do_classifier_free_guidance=True, negative_prompt=None, **unused):
    device = device or pipe.device
    prompts = [prompt] if isinstance(prompt, str) else list(prompt)
    negatives = [negative_prompt or ""] * len(prompts)
    texts = prompts + negatives if do_classifier_free_guidance else prompts
    tokens = pipe.mulan_tokenizer(texts, padding="max_length", max_length=77,
                                  truncation=True, return_tensors="pt").to(device)
    hidden = pipe.mulan_text_encoder(**tokens).last_hidden_state
    pooled = hidden[:, 0]
    prompt_embeds, pooled_embeds = pipe.unet.adapter(hidden, pooled)
    prompt_embeds = prompt_embeds.repeat_interleave(num_images_per_prompt, dim=0)
    pooled_embeds = pooled_embeds.repeat_interleave(num_images_per_prompt, dim=0)
    if do_classifier_free_guidance:
        pos, neg = prompt_embeds.chunk(2)
        pos_pooled, neg_pooled = pooled_embeds.chunk(2)
        return pos, neg, pos_pooled, neg_pooled
    return prompt_embeds, None, pooled_embeds, None


def transform(pipe, adapter_path, text_encoder_name="OFA-Sys/chinese-clip-vit-huge-patch14"):
    tokenizer = AutoTokenizer.from_pretrained(text_encoder_name)
    text_encoder = AutoModel.from_pretrained(text_encoder_name).text_model
    text_encoder.to(pipe.device).eval()

    adapter = load_language_adapter(adapter_path)
    pipe.mulan_tokenizer = tokenizer
    pipe.mulan_text_encoder = text_encoder
    pipe.unet.adapter = adapter
    pipe.encode_prompt = functools.partial(encode_prompt_multilingual, pipe)
    return pipe
