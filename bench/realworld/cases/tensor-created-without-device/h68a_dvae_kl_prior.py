# source: https://github.com/lucidrains/DALLE-pytorch/issues/41
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class, loader-loop
# bug-lines: 48, 49
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


class DiscreteVAE(nn.Module):
    def __init__(self, num_tokens=1024, codebook_dim=256, hidden_dim=64, temperature=0.9,
                 kl_div_loss_weight=1e-3):
        super().__init__()
        self.num_tokens = num_tokens
        self.temperature = temperature
        self.kl_div_loss_weight = kl_div_loss_weight
        self.encoder = nn.Sequential(
            nn.Conv2d(3, hidden_dim, 4, 2, 1), nn.ReLU(),
            nn.Conv2d(hidden_dim, hidden_dim, 4, 2, 1), nn.ReLU(),
            nn.Conv2d(hidden_dim, num_tokens, 1),
        )
        self.codebook = nn.Embedding(num_tokens, codebook_dim)
        self.decoder = nn.Sequential(
            nn.ConvTranspose2d(codebook_dim, hidden_dim, 4, 2, 1), nn.ReLU(),
            nn.ConvTranspose2d(hidden_dim, hidden_dim, 4, 2, 1), nn.ReLU(),
            nn.Conv2d(hidden_dim, 3, 1),
        )

    @torch.no_grad()
    def get_codebook_indices(self, images):
        return self.encoder(images).argmax(dim=1).flatten(1)

    def forward(self, img, return_loss=False):
        logits = self.encoder(img)
        soft_one_hot = F.gumbel_softmax(logits, tau=self.temperature, dim=1)
        sampled = torch.einsum("b n h w, n d -> b d h w", soft_one_hot, self.codebook.weight)
        out = self.decoder(sampled)
        if not return_loss:
            return out
        recon_loss = F.mse_loss(img, out)
        logits = logits.permute(0, 2, 3, 1).reshape(-1, self.num_tokens)
        log_qy = F.log_softmax(logits, dim=-1)
        log_uniform = torch.log(torch.tensor([1.0 / self.num_tokens]))
        kl_div = F.kl_div(log_uniform, log_qy, None, None, "batchmean", log_target=True)
        return recon_loss + kl_div * self.kl_div_loss_weight


def train_vae(image_root, epochs=10):
    device = torch.device("cuda")
    tf = transforms.Compose([transforms.Resize(128), transforms.CenterCrop(128), transforms.ToTensor()])
    loader = DataLoader(datasets.ImageFolder(image_root, tf), batch_size=16, shuffle=True)
    vae = DiscreteVAE().to(device)
    opt = torch.optim.Adam(vae.parameters(), lr=3e-4)
    for epoch in range(epochs):
        for images, _ in loader:
            images = images.to(device)
            loss = vae(images, return_loss=True)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")
    torch.save(vae.state_dict(), "vae.pt")


if __name__ == "__main__":
    train_vae("data/coco_images")
