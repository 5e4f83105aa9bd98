import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


def moved(path, prompt, device):
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForCausalLM.from_pretrained(path).to(device)
    inputs = tokenizer(prompt, return_tensors="pt").to(device)  # BatchEncoding.to: in place
    input_ids = inputs.input_ids
    return model.generate(input_ids)


def encoding_moved_in_place(model, tokenizer, texts, device):
    model.to(device)
    enc = tokenizer(texts, return_tensors="pt")
    enc.to(device)
    return model(**enc)


def device_map(path, prompt):
    # accelerate's hooks move the inputs of a device_map model.
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForCausalLM.from_pretrained(path, device_map="auto")
    input_ids = tokenizer(prompt, return_tensors="pt").input_ids
    return model.generate(input_ids)


def made_on_device(model, n, device):
    model.to(device)
    mask = torch.ones(n, device=device)
    return model(mask)


def scalar(model, x, device):
    model.to(device)
    return model(x.to(device), torch.tensor(0.5))


def cpu_model(model, features):
    x = torch.tensor(features)
    return model(x)
