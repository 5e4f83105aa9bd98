# source: https://github.com/adambielski/siamese-triplet/issues/49
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: multi-file, loader-loop
# bug-lines: 29
# cpu: raises "Input type (double) and bias type (float) should be the same"
# needs: torch
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from data import DataLoad, SiamesePairs, read_csv_rows
from networks import EmbeddingNet, SiameseNet


def contrastive_loss(out1, out2, target, margin=1.0):
    dist = (out2 - out1).pow(2).sum(1)
    target = target.float()
    return 0.5 * (target * dist + (1 - target) * F.relu(margin - (dist + 1e-9).sqrt()).pow(2)).mean()


def train_epoch(loader, model, optimizer, cuda):
    model.train()
    total = 0.0
    for (img1, img2), target in loader:
        if cuda:
            img1, img2, target = img1.cuda(), img2.cuda(), target.cuda()
        optimizer.zero_grad()
        out1, out2 = model(img1, img2)
        loss = contrastive_loss(out1, out2, target)
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total / len(loader)


if __name__ == "__main__":
    cuda = torch.cuda.is_available()
    siamese_train = SiamesePairs(DataLoad(read_csv_rows()))
    loader = DataLoader(siamese_train, batch_size=8, shuffle=True)
    model = SiameseNet(EmbeddingNet())
    if cuda:
        model.cuda()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(2):
        print(epoch, train_epoch(loader, model, optimizer, cuda))
