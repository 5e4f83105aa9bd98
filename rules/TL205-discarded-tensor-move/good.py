import torch
from torch import nn


def modules_move_in_place(device):
    model = nn.Linear(4, 4)
    model.to(device)
    model.half()
    return model


def batch_encoding(tokenizer, texts, device):
    enc = tokenizer(texts, return_tensors="pt")
    enc.to(device)  # BatchEncoding.to moves in place (and returns itself)
    return enc


def assigned(device):
    x = torch.zeros(3)
    x = x.to(device)
    return x


def unknown(thing, device):
    thing.to(device)  # could be a module: no finding
