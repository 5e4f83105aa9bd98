import torch
from peft import PeftModel, get_peft_model
from torch import nn


def head_then_move(model, num_labels, device):
    model.classifier = nn.Linear(768, num_labels)
    model.to(device)
    return model


def moved_again(model, device):
    model.to(device)
    model.classifier = nn.Linear(768, 2)
    model.to(device)
    return model


def head_moved_itself(model, device):
    model.to(device)
    model.classifier = nn.Linear(768, 2).to(device)
    return model


def peft_moves_adapters(pipe, path, config):
    # PEFT creates adapter weights on the device of the layer they wrap.
    pipe.to("cuda")
    pipe.transformer = PeftModel.from_pretrained(pipe.transformer, path)
    model = get_peft_model(pipe.unet, config)
    return model


def sync_batchnorm(model, local_rank):
    # convert_sync_batchnorm re-uses the placed parameters and buffers.
    model.cuda(local_rank)
    model = nn.SyncBatchNorm.convert_sync_batchnorm(model)
    return model


def not_a_module(model, device):
    model.to(device)
    model.num_labels = 3
    model.loss_scale = torch.tensor(1.0)
    return model


class Pooled(nn.Module):
    def __init__(self, features: int) -> None:
        super().__init__()
        self.fc = nn.Linear(features, 10)
        self.pool = nn.AdaptiveAvgPool2d(1)

    def reset_pool(self, kind):
        # Pooling has no weights: nothing is left on the CPU.
        self.pool = nn.AdaptiveAvgPool2d(1) if kind == "avg" else nn.AdaptiveMaxPool2d(1)

    def reset_classifier(self, num_classes):
        # Built where the current head lives.
        factory = {"device": self.fc.weight.device, "dtype": self.fc.weight.dtype}
        self.fc = nn.Linear(self.fc.in_features, num_classes, **factory)

    def forward(self, x):
        return self.fc(self.pool(x).flatten(1))


def fine_tune_pooled(device):
    model = Pooled(64).to(device)
    model.reset_pool("max")
    model.reset_classifier(5)
    return model


class FollowingLoRA(nn.Module):
    def __init__(self, base: nn.Linear, r: int = 8) -> None:
        super().__init__()
        self.base = base
        # The new factors are made where the wrapped layer's weights are.
        factory = {"device": base.weight.device, "dtype": base.weight.dtype}
        self.lora_a = nn.Parameter(torch.zeros(r, base.in_features, **factory))
        self.lora_b = nn.Parameter(torch.zeros(base.out_features, r, **factory))

    def forward(self, x):
        return self.base(x) + x @ self.lora_a.t() @ self.lora_b.t()


def swap_in_following_lora(model, device):
    model.to(device)
    for _, module in list(model.named_modules()):
        for child_name, child in list(module.named_children()):
            if child_name == "q_proj":
                setattr(module, child_name, FollowingLoRA(child))
    return model


class FrozenNorm(nn.Module):
    def __init__(self, num_features: int) -> None:
        super().__init__()
        self.scale = nn.Parameter(torch.ones(1, num_features, 1, 1))

    def forward(self, x):
        return x * self.scale


def convert_norms(module):
    converted = module
    if isinstance(module, nn.BatchNorm2d):
        converted = FrozenNorm(module.num_features)
    for name, child in module.named_children():
        converted.add_module(name, convert_norms(child))
    return converted


def convert_then_place(device):
    # The converter runs before the move: the new layers move with the model.
    model = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8))
    model = convert_norms(model)
    model.to(device)
    return model


def place_convert_place(device):
    model = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8)).to(device)
    model = convert_norms(model)
    model.to(device)
    return model


def convert_keeping_weights(module):
    # The recipe of nn.SyncBatchNorm.convert_sync_batchnorm: the new layer takes over
    # the old one's parameters and buffers, wherever they are.
    converted = module
    if isinstance(module, nn.BatchNorm2d):
        converted = nn.SyncBatchNorm(module.num_features)
        converted.weight = module.weight
        converted.bias = module.bias
        converted.running_mean = module.running_mean
        converted.running_var = module.running_var
        converted.num_batches_tracked = module.num_batches_tracked
    for name, child in module.named_children():
        converted.add_module(name, convert_keeping_weights(child))
    return converted


def place_then_convert_keeping_weights(device):
    model = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8)).to(device)
    return convert_keeping_weights(model)


def convert_placing_each(module):
    # Each new layer is made where the one it replaces is.
    converted = module
    if isinstance(module, nn.BatchNorm2d):
        converted = FrozenNorm(module.num_features).to(module.weight.device)
    for name, child in module.named_children():
        converted.add_module(name, convert_placing_each(child))
    return converted


def place_then_convert_placing_each(device):
    model = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8)).to(device)
    return convert_placing_each(model)


def add_head(model):
    model.add_module("head", nn.Linear(768, 2))
    return model


def place_add_place(model, device):
    # A helper attaches after the first move; the second move takes the head along.
    model.to(device)
    model = add_head(model)
    model.to(device)
    return model


class Float32Norm(nn.Module):
    # Holds the norm it is given (already placed) and makes no weights of its own.
    def __init__(self, norm):
        super().__init__()
        self.norm = norm.float()

    def forward(self, x):
        return self.norm(x.float()).to(x.dtype)


def keep_norms_in_float32(module):
    for name, child in module.named_children():
        if isinstance(child, nn.LayerNorm):
            setattr(module, name, Float32Norm(child))
        else:
            keep_norms_in_float32(child)


def half_model_with_float32_norms(device):
    model = nn.Sequential(nn.Linear(16, 16), nn.LayerNorm(16)).to(device=device, dtype=torch.half)
    keep_norms_in_float32(model)
    return model
