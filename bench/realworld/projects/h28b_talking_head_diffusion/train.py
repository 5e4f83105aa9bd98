# source: https://github.com/MStypulkowski/diffused-heads/issues/34
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-attribute-not-buffer
# shape: multi-file, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import DataLoader, Dataset

from backbone import FrameDenoiser
from diffusion import Diffusion


class CachedClips(Dataset):
    """Pre-extracted (frame, identity frame, audio embedding) triples saved with torch.save."""

    def __init__(self, path):
        self.items = torch.load(path, map_location="cpu")

    def __len__(self):
        return len(self.items)

    def __getitem__(self, idx):
        frame, identity, audio = self.items[idx]
        return {"x0": frame, "x_cond": identity, "audio_emb": audio}


def main(data_path="clips_128.pt", epochs=50, lr=1e-4):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    diffusion = Diffusion(FrameDenoiser(), n_timesteps=1000).to(device)
    optimizer = torch.optim.AdamW(diffusion.parameters(), lr=lr)
    loader = DataLoader(CachedClips(data_path), batch_size=32, shuffle=True, num_workers=4)
    for epoch in range(epochs):
        for step, batch in enumerate(loader):
            batch = {k: v.to(device, non_blocking=True) for k, v in batch.items()}
            losses = diffusion(batch["x0"], batch["x_cond"], batch["audio_emb"])
            loss = sum(losses.values())
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            if step % 50 == 0:
                print(f"epoch {epoch} step {step} " + " ".join(f"{k}={v.item():.4f}" for k, v in losses.items()))
        torch.save(diffusion.state_dict(), f"diffusion_{epoch:03d}.pt")


if __name__ == "__main__":
    main()
