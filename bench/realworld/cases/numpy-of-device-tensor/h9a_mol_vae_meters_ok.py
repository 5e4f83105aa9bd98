# source: https://github.com/wengong-jin/hgraph2graph/issues/40
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, loader-loop, batch-dict
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Fine-tune a SMILES GRU-VAE; running meters are accumulated as a numpy vector."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader


class SmilesVAE(nn.Module):
    def __init__(self, vocab_size, emb=64, hidden=256, latent=56, pad_idx=0):
        super().__init__()
        self.pad_idx = pad_idx
        self.embed = nn.Embedding(vocab_size, emb, padding_idx=pad_idx)
        self.encoder = nn.GRU(emb, hidden, batch_first=True)
        self.to_mu, self.to_logvar = nn.Linear(hidden, latent), nn.Linear(hidden, latent)
        self.z_to_h = nn.Linear(latent, hidden)
        self.decoder = nn.GRU(emb, hidden, batch_first=True)
        self.out = nn.Linear(hidden, vocab_size)

    def forward(self, tokens, beta):
        _, h = self.encoder(self.embed(tokens))
        mu, logvar = self.to_mu(h[-1]), self.to_logvar(h[-1])
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        dec, _ = self.decoder(self.embed(tokens[:, :-1]), self.z_to_h(z).unsqueeze(0))
        logits = self.out(dec)
        target = tokens[:, 1:]
        recon = F.cross_entropy(logits.transpose(1, 2), target, ignore_index=self.pad_idx)
        kl_div = -0.5 * torch.mean(torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=1))
        mask = target != self.pad_idx
        wacc = ((logits.argmax(-1) == target) & mask).sum().float() / mask.sum()
        return recon + beta * kl_div, kl_div, wacc


def finetune(model, loader, device, epochs=3, beta=0.1, print_iter=50):
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    model.to(device).train()
    for epoch in range(epochs):
        meters = np.zeros(3)
        for it, batch in enumerate(loader, start=1):
            batch = {k: v.to(device) for k, v in batch.items()}
            loss, kl_div, wacc = model(batch["tokens"], beta)
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimizer.step()
            meters = meters + np.array([kl_div.item(), loss.item(), wacc.detach().cpu().numpy() * 100])
            if it % print_iter == 0:
                meters /= print_iter
                print(f"[{epoch}:{it}] KL {meters[0]:.2f} loss {meters[1]:.3f} word acc {meters[2]:.2f}")
                meters *= 0
    return model


if __name__ == "__main__":
    data = torch.load("data/chembl_tokens.pt", map_location="cpu")  # {"tokens": LongTensor [N, L], "vocab": list}
    samples = [{"tokens": row} for row in data["tokens"]]
    loader = DataLoader(samples, batch_size=64, shuffle=True)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    vae = finetune(SmilesVAE(len(data["vocab"])), loader, device)
    torch.save(vae.state_dict(), "ckpt/vae_finetuned.pt")
