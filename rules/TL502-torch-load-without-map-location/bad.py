import torch
import torch as th


def resume(model, path):
    state = torch.load(path)  # expect: TL502:13
    model.load_state_dict(state["model"])
    optimizer_state = th.load(  # expect: TL502:23
        path + ".optim",
        weights_only=True,
    )
    return optimizer_state


def convert(checkpoint_file, output_file):
    # A conversion script saves too, but another file: the one it reads came from a
    # training run, maybe on a GPU (litgpt's convert_pretrained_checkpoint).
    full = torch.load(checkpoint_file)  # expect: TL502:12
    torch.save({k: v.half() for k, v in full["model"].items()}, output_file)


class Trainer:
    # pytorch/examples' DDP snapshot: the class writes and reads its own file, but
    # rank 0 saved GPU weights (a state_dict), and every rank restores them onto
    # cuda:0.
    def _load_snapshot(self, snapshot_path):
        snapshot = torch.load(snapshot_path)  # expect: TL502:20
        self.model.load_state_dict(snapshot["MODEL_STATE"])

    def _save_snapshot(self, epoch, snapshot_path):
        torch.save({"MODEL_STATE": self.model.state_dict(), "EPOCHS_RUN": epoch}, snapshot_path)


def pretrained_upscaler(url):
    # Downloaded weights are unpickled the same way: onto the GPU they were saved from.
    model = torch.nn.Conv2d(3, 12, 3)
    model.load_state_dict(torch.hub.load_state_dict_from_url(url, progress=False))  # expect: TL502:27
    return model


def load_either(path, use_gpu):
    # Both branches load without map_location: the CPU run fails as well.
    if use_gpu:
        state = torch.load(path)  # expect: TL502:17
    else:
        state = torch.load(path, weights_only=True)  # expect: TL502:17
    return state


def load_scaler(path, on_xla):
    # The other branch maps for another reason (an XLA device), not for the run
    # without a GPU.
    if on_xla:
        state = torch.load(path, map_location="cpu")
    else:
        state = torch.load(path)  # expect: TL502:17
    return state
