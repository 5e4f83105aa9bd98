# source: https://github.com/lucidrains/vector-quantize-pytorch/issues/37
# error: RuntimeError: X1 and X2 must have the same device type. X1: cuda X2: cpu
# pattern: module-not-placed
# shape: multi-file, class, loader-loop
# bug-lines: 29, 43
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from model import PatchEncoder, PatchDecoder
from quantizer import CodebookQuantizer

DIM = 256
CODEBOOK_SIZE = 512


def make_loader(root, batch_size=32):
    tf = transforms.Compose([transforms.Resize(64), transforms.CenterCrop(64),
                             transforms.ToTensor(), transforms.Normalize([0.5] * 3, [0.5] * 3)])
    return DataLoader(datasets.ImageFolder(root, tf), batch_size=batch_size, shuffle=True, num_workers=4)


device = torch.device("cuda")
encoder = PatchEncoder(dim=DIM).to(device)
decoder = PatchDecoder(dim=DIM).to(device)
vq = CodebookQuantizer(dim=DIM, codebook_size=CODEBOOK_SIZE)

params = list(encoder.parameters()) + list(decoder.parameters()) + list(vq.parameters())
optimizer = torch.optim.Adam(params, lr=2e-4)
loader = make_loader("data/faces")

for epoch in range(20):
    encoder.train()
    decoder.train()
    for step, (imgs, _) in enumerate(loader):
        imgs = imgs.to(device)
        optimizer.zero_grad()

        z = encoder(imgs)
        quantized, codes, vq_loss = vq(z)
        recon = decoder(quantized)
        loss = F.mse_loss(recon, imgs) + vq_loss
        loss.backward()
        optimizer.step()

        if step % 200 == 0:
            used = codes.unique().numel()
            print(f"epoch {epoch} step {step} loss {loss.item():.4f} codes used {used}")

torch.save({"encoder": encoder.state_dict(), "decoder": decoder.state_dict(),
            "vq": vq.state_dict()}, "tokenizer.pt")
