# source: https://github.com/ViperEkura/AstrAI/pull/20
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: adapter-after-placement
# shape: helper
# bug-lines: 45
# cpu: no library module (run train.py)
# needs: torch
from dataclasses import dataclass, field

import torch

from lora import inject_lora
from model import TinyGPT


@dataclass
class TrainConfig:
    lr: float = 3e-4
    steps: int = 4
    batch_size: int = 4
    seq_len: int = 32
    lora_rank: int = 4
    lora_targets: tuple = ("q_proj", "v_proj")
    checkpoint: dict = field(default=None)
    device: str = "cuda" if torch.cuda.is_available() else "cpu"


@dataclass
class TrainContext:
    model: torch.nn.Module
    optimizer: torch.optim.Optimizer
    device: torch.device


def _before_wrap(model, cfg):
    if cfg.checkpoint is not None:
        model.load_state_dict(cfg.checkpoint)
    return model


def build_context(cfg: TrainConfig) -> TrainContext:
    device = torch.device(cfg.device)
    model = _before_wrap(TinyGPT(), cfg)
    model.to(device)
    model = inject_lora(model, target_modules=cfg.lora_targets, rank=cfg.lora_rank)
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=cfg.lr)
    return TrainContext(model=model, optimizer=optimizer, device=device)
