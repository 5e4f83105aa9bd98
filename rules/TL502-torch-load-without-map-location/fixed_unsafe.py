import torch
import torch as th


def resume(model, path):
    state = torch.load(path, map_location="cpu")  # expect: TL502:13
    model.load_state_dict(state["model"])
    optimizer_state = th.load(  # expect: TL502:23
        path + ".optim",
        weights_only=True,
        map_location="cpu",
    )
    return optimizer_state
