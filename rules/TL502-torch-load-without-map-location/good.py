import pickle

import torch


def fine(path, device, **load_kwargs):
    a = torch.load(path, map_location="cpu")
    b = torch.load(path, map_location=device, weights_only=True)
    c = torch.load(path, "cpu")  # map_location given positionally
    d = torch.load(path, **load_kwargs)  # the keyword may be inside
    e = pickle.load(open(path, "rb"))
    return a, b, c, d, e


def pretrained_upscaler(url):
    model = torch.nn.Conv2d(3, 12, 3)
    model.load_state_dict(torch.hub.load_state_dict_from_url(url, None, "cpu"))
    return model
