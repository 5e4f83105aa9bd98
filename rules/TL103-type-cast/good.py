import torch


def fine(x, value):
    a = x.to(value.dtype)
    b = x.type()  # returns a string
    c = x.type(torch.cuda.FloatTensor)  # TL102's business, not TL103's
    d = type(x)
    return a, b, c, d


def unknown_argument(x, kind):
    # Nothing says `kind` is a dtype: it could be a tensor type class.
    return x.type(kind)
