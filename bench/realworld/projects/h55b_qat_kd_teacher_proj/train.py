# source: https://github.com/yuhuixu1993/qa-lora/issues/10
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Float and BFloat16
# pattern: input-dtype-mismatch
# shape: multi-file, batch-dict, loader-loop, helper
# bug-lines: 20
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from data import load_shards
from model import TinyStudentLM
from qat_layers import convert_to_qat


def kd_loss(model, batch, alpha=0.5):
    logits, hidden = model(batch["input_ids"])
    lm_loss = F.cross_entropy(logits.flatten(0, 1).float(), batch["labels"].flatten())
    aligned = model.teacher_proj(batch["teacher_hidden"])
    feat_loss = F.mse_loss(hidden.float(), aligned.float())
    return lm_loss + alpha * feat_loss


def main(epochs=1, lr=2e-5):
    device = torch.device("cuda")
    model = convert_to_qat(TinyStudentLM(), bits=4, group_size=32)
    model.to(device=device, dtype=torch.bfloat16)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
    loader = DataLoader(load_shards(), batch_size=8, shuffle=True, pin_memory=True)

    model.train()
    for epoch in range(epochs):
        for step, batch in enumerate(loader):
            batch = {k: v.to(device, non_blocking=True) for k, v in batch.items()}
            loss = kd_loss(model, batch)
            loss.backward()
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
            if step % 4 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
