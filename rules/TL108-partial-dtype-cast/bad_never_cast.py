import torch
import torch.nn as nn


# Half the memory for the weight matrices only: the model was never cast as a whole,
# so its biases and norms stay float32, as it was built, and a float16 weight meets a
# float32 bias in the first linear layer.
def halve_matrices(model):
    for name, param in model.named_parameters():
        if name.endswith("weight") and param.dim() == 2:
            param.data = param.data.half()  # expect: TL108:13 lines=16,18
    return model


def embed(device, tokens):
    model = nn.Sequential(nn.Embedding(1000, 64), nn.Linear(64, 64), nn.LayerNorm(64))
    model = halve_matrices(model).to(device)
    return model(tokens.to(device))
