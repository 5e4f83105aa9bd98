import torch
from torch import nn
from transformers import AutoModelForCausalLM


class LoRALinear(nn.Module):
    def __init__(self, base: nn.Linear, r: int = 8) -> None:
        super().__init__()
        self.base = base
        self.lora_a = nn.Linear(base.in_features, r, bias=False)
        self.lora_b = nn.Linear(r, base.out_features, bias=False)

    def forward(self, x):
        return self.base(x) + self.lora_b(self.lora_a(x))


def add_classifier(model, num_labels, device):
    model.to(device)
    # A new head after the move: its weights are on the CPU.
    model.classifier = nn.Linear(768, num_labels)  # expect: TL202:5 lines=18
    return model


def inject_lora(path, names):
    # Hand-rolled adapter injection after placement.
    model = AutoModelForCausalLM.from_pretrained(path)
    model = model.cuda()
    for name in names:
        parent = model.get_submodule(name)
        setattr(parent, "proj", LoRALinear(parent.proj))  # expect: TL202:9 lines=27
    return model


def replace_vision_head(pipe):
    pipe.to("cuda")
    pipe.transformer.proj_out = torch.nn.Linear(3072, 64)  # expect: TL202:5 lines=35
    return pipe


class Pipeline(nn.Module):
    def __init__(self, hidden: int) -> None:
        super().__init__()
        self.hidden = hidden
        self.encoder = nn.Linear(hidden, hidden)

    def init_head(self, num_labels):
        # Called on an instance that was already placed (see build).
        self.head = nn.Linear(self.hidden, num_labels)

    def forward(self, x):
        return self.head(self.encoder(x))


def build(device):
    model = Pipeline(64).to(device)
    model.init_head(2)  # expect: TL202:5 lines=48,55
    return model


class Backbone(nn.Module):
    def __init__(self, features: int) -> None:
        super().__init__()
        self.features = features
        self.body = nn.Linear(features, features)
        self.fc = nn.Linear(features, 10)

    def reset_classifier(self, num_classes):
        # A new head either way: a Linear, or an Identity when there are no classes.
        self.fc = nn.Linear(self.features, num_classes) if num_classes > 0 else nn.Identity()

    def forward(self, x):
        return self.fc(self.body(x))


def fine_tune(device):
    model = Backbone(64).to(device)
    model.reset_classifier(5)  # expect: TL202:5 lines=69,76
    return model


def add_pooler(model):
    model.cuda()
    model.add_module("pooler", nn.Linear(768, 768))  # expect: TL202:5 lines=82
    return model


def swap_in_lora(model, targets=("q_proj", "v_proj")):
    for _, module in list(model.named_modules()):
        for child_name, child in list(module.named_children()):
            if child_name in targets:
                setattr(module, child_name, LoRALinear(child))
    return model


def finetune(model, device):
    model.to(device)
    # The helper swaps layers for adapter-wrapped ones after the move.
    model = swap_in_lora(model)  # expect: TL202:5 lines=91,96
    return model


class FrozenNorm(nn.Module):
    def __init__(self, num_features: int) -> None:
        super().__init__()
        self.scale = nn.Parameter(torch.ones(1, num_features, 1, 1))

    def forward(self, x):
        return x * self.scale


def convert_norms(module):
    # A recursive converter: the new norm layers are built on the CPU.
    if isinstance(module, nn.DataParallel):
        return nn.DataParallel(convert_norms(module.module))
    converted = module
    if isinstance(module, nn.BatchNorm2d):
        converted = FrozenNorm(module.num_features)
    for name, child in module.named_children():
        converted.add_module(name, convert_norms(child))
    return converted


def train_with_frozen_norms(device):
    model = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8))
    model = nn.DataParallel(model).to(device)
    model = convert_norms(model)  # expect: TL202:5 lines=117,125
    return model


def add_temperature(model, device):
    model.to(device)
    # A learnable temperature registered after the move: made on the CPU, it stays there.
    model.register_parameter("temperature", nn.Parameter(torch.ones(1)))  # expect: TL202:5 lines=131
    return model
