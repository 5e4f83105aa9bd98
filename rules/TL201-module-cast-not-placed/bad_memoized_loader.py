# The loader keeps what it built in a cache; a cached read hands back what an earlier
# call built, so the model is the one cast here, and never placed.
import torch
from transformers import AutoModel, AutoTokenizer

_LOADED = {}


def load(name, fp16=True):
    if name in _LOADED:
        return _LOADED[name]
    tokenizer = AutoTokenizer.from_pretrained(name)
    model = AutoModel.from_pretrained(name)
    if fp16:
        model = model.half()  # expect: TL201:17 lines=23,24
    _LOADED[name] = (tokenizer, model)
    return tokenizer, model


@torch.no_grad()
def embed(texts, name, device):
    tokenizer, model = load(name)
    enc = tokenizer(texts, padding=True, return_tensors="pt").to(device)
    return model(**enc).last_hidden_state.mean(dim=1)
