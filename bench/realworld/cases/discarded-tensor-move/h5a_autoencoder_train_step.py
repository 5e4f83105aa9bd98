# source: https://github.com/pytorch/pytorch/issues/43313
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: discarded-tensor-move
# shape: helper, loader-loop
# bug-lines: 49, 50
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class ImageFolderPairs(Dataset):
    def __init__(self, n=64):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, idx):
        img = torch.rand(3, 64, 64)
        return img, img.clone()


class ConvEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(3, 16, 3, stride=2, padding=1), nn.ReLU(),
                                 nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU())

    def forward(self, x):
        return self.net(x)


class ConvDecoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.ConvTranspose2d(32, 16, 2, stride=2), nn.ReLU(),
                                 nn.ConvTranspose2d(16, 3, 2, stride=2), nn.Sigmoid())

    def forward(self, z):
        return self.net(z)


def train_step(encoder, decoder, train_loader, loss_fn, optimizer, device):
    encoder.train()
    decoder.train()
    for batch_idx, (train_img, target_img) in enumerate(train_loader):
        train_img.to(device)
        target_img.to(device)
        optimizer.zero_grad()
        dec_output = decoder(encoder(train_img))
        loss = loss_fn(dec_output, target_img)
        loss.backward()
        optimizer.step()
    return loss.item()


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    encoder, decoder = ConvEncoder(), ConvDecoder()
    encoder.to(device)
    decoder.to(device)
    params = list(encoder.parameters()) + list(decoder.parameters())
    optimizer = torch.optim.AdamW(params, lr=1e-3)
    loader = DataLoader(ImageFolderPairs(), batch_size=16, shuffle=True)
    for epoch in range(2):
        print(epoch, train_step(encoder, decoder, loader, nn.MSELoss(), optimizer, device))
