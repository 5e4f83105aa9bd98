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
