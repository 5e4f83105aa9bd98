import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer


def moved(path, texts, device):
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForSequenceClassification.from_pretrained(path).to(device)
    batch = tokenizer(texts, return_tensors="pt").to(device)
    return model(**batch).logits


def placed_by_map(path, texts):
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForSequenceClassification.from_pretrained(path, device_map="cuda:0")
    batch = tokenizer(texts, return_tensors="pt").to("cuda:0")
    return model(**batch).logits


def load(path, **kwargs):
    # the caller's keywords may place it (device_map=...)
    return AutoModelForSequenceClassification.from_pretrained(path, **kwargs)


def placed_by_caller(path, texts):
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = load(path, device_map="cuda")
    batch = tokenizer(texts, return_tensors="pt").to("cuda")
    return model(**batch).logits


def on_the_cpu(path, texts):
    # no device anywhere: the model and its inputs stay on the CPU together
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForSequenceClassification.from_pretrained(path)
    return model(**tokenizer(texts, return_tensors="pt")).logits


if __name__ == "__main__":
    print(torch.cuda.is_available())
