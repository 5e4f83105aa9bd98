# source: https://github.com/mingyuliutw/UNIT/issues/74
# error: none (correct: the mean tensor is created from the batch, so it shares device and dtype)
# shape: helper, class
# looks-like: legacy-type-cast
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


def vgg_preprocess(batch):
    (r, g, b) = torch.chunk(batch, 3, dim=1)
    batch = torch.cat((b, g, r), dim=1)
    batch = (batch + 1) * 255 * 0.5
    mean = batch.new_empty(batch.size())
    mean[:, 0, :, :] = 103.939
    mean[:, 1, :, :] = 116.779
    mean[:, 2, :, :] = 123.680
    return batch.sub(mean)


class PerceptualLoss(nn.Module):
    def __init__(self):
        super().__init__()
        self.vgg = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU()).eval()
        self.instancenorm = nn.InstanceNorm2d(8, affine=False)

    def forward(self, img, target):
        img_fea = self.vgg(vgg_preprocess(img))
        target_fea = self.vgg(vgg_preprocess(target))
        return torch.mean((self.instancenorm(img_fea) - self.instancenorm(target_fea)) ** 2)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    gen = nn.Sequential(nn.Conv2d(3, 3, 3, padding=1), nn.Tanh()).to(device)
    crit = PerceptualLoss().to(device)
    opt = torch.optim.Adam(gen.parameters(), lr=1e-4)
    for it in range(2):
        x_a = (torch.rand(2, 3, 16, 16) * 2 - 1).to(device)
        x_b = (torch.rand(2, 3, 16, 16) * 2 - 1).to(device)
        loss = crit(gen(x_a), x_b)
        opt.zero_grad()
        loss.backward()
        opt.step()
        print(it, loss.item())
