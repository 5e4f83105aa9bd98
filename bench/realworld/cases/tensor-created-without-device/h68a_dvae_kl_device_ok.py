# source: https://github.com/lucidrains/DALLE-pytorch/issues/255
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, class, loader-loop
# looks-like: tensor-created-without-device
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


def kl_to_uniform(logits, num_tokens):
    """KL(q(z|x) || Uniform(num_tokens)) averaged over all latent positions."""
    flat = logits.permute(0, 2, 3, 1).reshape(-1, num_tokens)
    log_qy = F.log_softmax(flat, dim=-1)
    log_uniform = torch.log(torch.tensor([1.0 / num_tokens], device=logits.device))
    return F.kl_div(log_uniform, log_qy, None, None, "batchmean", log_target=True)


class GumbelDVAE(nn.Module):
    def __init__(self, num_tokens=512, codebook_dim=128, hidden=64):
        super().__init__()
        self.num_tokens = num_tokens
        self.encoder = nn.Sequential(nn.Conv2d(3, hidden, 4, 2, 1), nn.ReLU(),
                                     nn.Conv2d(hidden, hidden, 4, 2, 1), nn.ReLU(),
                                     nn.Conv2d(hidden, num_tokens, 1))
        self.codebook = nn.Embedding(num_tokens, codebook_dim)
        self.decoder = nn.Sequential(nn.ConvTranspose2d(codebook_dim, hidden, 4, 2, 1), nn.ReLU(),
                                     nn.ConvTranspose2d(hidden, 3, 4, 2, 1))

    def forward(self, img, tau=1.0):
        logits = self.encoder(img)
        soft_one_hot = F.gumbel_softmax(logits, tau=tau, dim=1)
        z = torch.einsum("bnhw,nd->bdhw", soft_one_hot, self.codebook.weight)
        return self.decoder(z), logits


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
tf = transforms.Compose([transforms.Resize(64), transforms.CenterCrop(64), transforms.ToTensor()])
loader = DataLoader(datasets.ImageFolder("data/flowers", tf), batch_size=32, shuffle=True)
vae = GumbelDVAE().to(device)
opt = torch.optim.Adam(vae.parameters(), lr=1e-3)

step = 0
for epoch in range(30):
    for images, _ in loader:
        images = images.to(device)
        tau = max(0.5, 1.0 - 1e-5 * step)
        recon, logits = vae(images, tau=tau)
        kl_weight = min(6.6, 6.6 * step / 5000)
        loss = F.mse_loss(recon, images) + kl_weight * kl_to_uniform(logits, vae.num_tokens) / 4096
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
    print(f"epoch {epoch}: loss {loss.item():.4f} tau {tau:.3f}")
