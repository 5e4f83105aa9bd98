import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


def generate(path, prompt, device):
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForCausalLM.from_pretrained(path).to(device)
    input_ids = tokenizer(prompt, return_tensors="pt").input_ids
    return model.generate(input_ids.to(device), max_new_tokens=32)  # expect: TL204:27 lines=8,7


def score(model, features):
    model.cuda()
    x = torch.tensor(features, dtype=torch.float32)
    return model(x)  # expect: TL204:18 lines=14,13


def encode(path, texts):
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForCausalLM.from_pretrained(path)
    model.to("cuda")
    inputs = tokenizer(texts, padding=True, return_tensors="pt")
    return model(**inputs.to("cuda"))  # expect: TL204:20 lines=22,21
