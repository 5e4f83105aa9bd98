# source: https://github.com/ViperEkura/AstrAI/pull/20
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: adapter-after-placement
# shape: loader-loop, batch-dict
# cpu: clean
# needs: torch
import torch
from torch.nn import functional as F
from torch.utils.data import DataLoader

from lora import lora_state_dict
from model import TinyGPT
from train_context import TrainConfig, build_context


def make_loader(cfg, n=32, vocab=128):
    data = [torch.randint(0, vocab, (cfg.seq_len + 1,)) for _ in range(n)]
    collate = lambda rows: {"input_ids": torch.stack(rows)[:, :-1], "labels": torch.stack(rows)[:, 1:]}
    return DataLoader(data, batch_size=cfg.batch_size, shuffle=True, collate_fn=collate)


def train(cfg: TrainConfig):
    ctx = build_context(cfg)
    ctx.model.train()
    step = 0
    for batch in make_loader(cfg):
        batch = {k: v.to(ctx.device) for k, v in batch.items()}
        logits = ctx.model(batch["input_ids"])
        loss = F.cross_entropy(logits.flatten(0, 1), batch["labels"].flatten())
        ctx.optimizer.zero_grad()
        loss.backward()
        ctx.optimizer.step()
        step += 1
        if step >= cfg.steps:
            break
    print(f"step {step} loss {loss.item():.4f}")
    return lora_state_dict(ctx.model)


if __name__ == "__main__":
    cfg = TrainConfig(checkpoint=TinyGPT().state_dict())
    adapters = train(cfg)
    print(len(adapters), "adapter tensors")
