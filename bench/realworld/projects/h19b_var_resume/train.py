# source: https://github.com/FoundationVision/VAR/issues/127
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument state_steps in method wrapper_CUDA___fused_adamw_)
# pattern: optimizer-state-before-placement
# shape: class, multi-file, loader-loop
# bug-lines: 47, 49
# needs: torch
# cpu: no written where torch was not installed; not run
import glob
import os

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

from trainer import Trainer


class TokenTransformer(nn.Module):
    def __init__(self, vocab=4096, num_classes=1000, dim=512, depth=8):
        super().__init__()
        self.tok = nn.Embedding(vocab, dim)
        self.cls = nn.Embedding(num_classes, dim)
        layer = nn.TransformerEncoderLayer(dim, 8, 4 * dim, batch_first=True, norm_first=True)
        self.blocks = nn.TransformerEncoder(layer, depth)
        self.head = nn.Linear(dim, vocab)

    def forward(self, tokens, labels):
        x = self.tok(tokens) + self.cls(labels).unsqueeze(1)
        return self.head(self.blocks(x))


def auto_resume(out_dir):
    ckpts = sorted(glob.glob(os.path.join(out_dir, "ar-ckpt-*.pth")), key=os.path.getmtime)
    if not ckpts:
        return 0, None
    state = torch.load(ckpts[-1], map_location="cpu")
    return state["epoch"], state["trainer"]


def main(out_dir="./local_output", epochs=10, batch_size=32):
    device = torch.device("cuda")
    model = TokenTransformer()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4, betas=(0.9, 0.95), weight_decay=0.05, fused=True)
    trainer = Trainer(model, optimizer, device)
    start_ep, trainer_state = auto_resume(out_dir)
    if trainer_state is not None:
        trainer.load_state_dict(trainer_state, strict=False)
        print(f"resumed from epoch {start_ep}")
    model.to(device)
    data = TensorDataset(torch.randint(0, 4096, (2048, 256)), torch.randint(0, 1000, (2048,)))
    loader = DataLoader(data, batch_size=batch_size, shuffle=True, drop_last=True)
    for ep in range(start_ep, epochs):
        for tokens, labels in loader:
            loss, grad_norm = trainer.train_step(tokens, labels)
        print(f"ep {ep}: loss={loss:.3f} grad_norm={grad_norm:.2f}")
        os.makedirs(out_dir, exist_ok=True)
        torch.save({"epoch": ep + 1, "trainer": trainer.state_dict()}, os.path.join(out_dir, f"ar-ckpt-ep{ep}.pth"))


if __name__ == "__main__":
    main()
