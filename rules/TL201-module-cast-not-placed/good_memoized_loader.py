import torch
from transformers import AutoModel, AutoTokenizer

_LOADED = {}


def load(name, device, fp16=True):
    if name in _LOADED:
        return _LOADED[name]
    tokenizer = AutoTokenizer.from_pretrained(name)
    model = AutoModel.from_pretrained(name)
    if fp16:
        model = model.half()
    model = model.to(device)
    _LOADED[name] = (tokenizer, model)
    return tokenizer, model


@torch.no_grad()
def embed(texts, name, device):
    tokenizer, model = load(name, device)
    enc = tokenizer(texts, padding=True, return_tensors="pt").to(device)
    return model(**enc).last_hidden_state.mean(dim=1)
