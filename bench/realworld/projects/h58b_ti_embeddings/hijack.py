# source: https://github.com/AUTOMATIC1111/stable-diffusion-webui/issues/608
# error: RuntimeError: Attempting to deserialize object on CUDA device 1 but torch.cuda.device_count() is 1. Please use torch.load with map_location to map your storages to an existing device.
# pattern: torch-load-map-location
# shape: multi-file, class, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import torch


def add_tokens(tokenizer, text_encoder, word_embeddings):
    added = []
    for token, vec in word_embeddings.items():
        vectors = vec if vec.dim() == 2 else vec.unsqueeze(0)
        names = [token] + [f"{token}_{i}" for i in range(1, vectors.size(0))]
        if tokenizer.add_tokens(names) != len(names):
            continue
        text_encoder.resize_token_embeddings(len(tokenizer))
        ids = tokenizer.convert_tokens_to_ids(names)
        weight = text_encoder.get_input_embeddings().weight
        with torch.no_grad():
            weight[ids] = vectors.to(weight.device, weight.dtype)
        added.append(token)
    return added


def expand_prompt(prompt, tokenizer, added):
    for token in added:
        extra = [t for t in tokenizer.get_vocab() if t.startswith(f"{token}_")]
        prompt = prompt.replace(token, " ".join([token] + sorted(extra)))
    return prompt
