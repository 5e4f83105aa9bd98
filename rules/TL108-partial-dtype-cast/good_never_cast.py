import torch
import torch.nn as nn


def halve_matrices(model):
    for name, param in model.named_parameters():
        if name.endswith("weight") and param.dim() == 2:
            param.data = param.data.half()
    return model


# The recast weights only run under autocast, which casts every operand of a matrix
# product to float16 where it meets them.
def embed(device, tokens):
    model = nn.Sequential(nn.Embedding(1000, 64), nn.Linear(64, 64), nn.LayerNorm(64))
    model = halve_matrices(model).to(device)
    with torch.autocast("cuda", dtype=torch.float16):
        return model(tokens.to(device))


# The whole model is float16 after the loop: every parameter is recast.
def embed_half(device, tokens):
    model = nn.Sequential(nn.Embedding(1000, 64), nn.Linear(64, 64), nn.LayerNorm(64))
    for param in model.parameters():
        param.data = param.data.half()
    return model.to(device)(tokens.to(device))
