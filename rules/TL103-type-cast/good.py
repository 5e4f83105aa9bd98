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


def not_moved_back(answer):
    # The cast's move to the CPU is kept (for numpy): TL102's business.
    return answer.type(torch.FloatTensor).numpy()


def cast_then_cast(mask):
    # `.to(torch.float16)` is another cast, not a move back.
    return mask.type(torch.FloatTensor).to(torch.float16)
