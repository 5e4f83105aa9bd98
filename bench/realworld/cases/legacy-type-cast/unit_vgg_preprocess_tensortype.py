# source: https://github.com/mingyuliutw/UNIT/issues/74
# error: RuntimeError: Expected object of type torch.cuda.FloatTensor but found type torch.FloatTensor for argument #3 'other'
# pattern: legacy-type-cast
# shape: helper, class
# bug-lines: 13, 17
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


def vgg_preprocess(batch):
    tensortype = type(batch.data)
    (r, g, b) = torch.chunk(batch, 3, dim=1)
    batch = torch.cat((b, g, r), dim=1)  # RGB -> BGR
    batch = (batch + 1) * 255 * 0.5  # [-1, 1] -> [0, 255]
    mean = tensortype(batch.data.size())
    mean[:, 0, :, :] = 103.939
    mean[:, 1, :, :] = 116.779
    mean[:, 2, :, :] = 123.680
    return batch.sub(mean)


class Vgg16(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(),
                                      nn.Conv2d(8, 8, 3, padding=1), nn.ReLU())

    def forward(self, x):
        return self.features(x)


class UNIT_Trainer(nn.Module):
    def __init__(self, hyperparameters):
        super().__init__()
        self.gen_ab = nn.Sequential(nn.Conv2d(3, 3, 3, padding=1), nn.Tanh())
        self.vgg = Vgg16().eval()
        self.instancenorm = nn.InstanceNorm2d(8, affine=False)
        self.hp = hyperparameters
        self.opt = torch.optim.Adam(self.gen_ab.parameters(), lr=hyperparameters["lr"])

    def compute_vgg_loss(self, vgg, img, target):
        img_fea = vgg(vgg_preprocess(img))
        target_fea = vgg(vgg_preprocess(target))
        return torch.mean((self.instancenorm(img_fea) - self.instancenorm(target_fea)) ** 2)

    def gen_update(self, x_a, x_b):
        self.opt.zero_grad()
        x_ab = self.gen_ab(x_a)
        loss = (x_ab - x_b).abs().mean()
        if self.hp["vgg_w"] > 0:
            loss = loss + self.hp["vgg_w"] * self.compute_vgg_loss(self.vgg, x_ab, x_b)
        loss.backward()
        self.opt.step()
        return loss.item()


if __name__ == "__main__":
    trainer = UNIT_Trainer({"lr": 1e-4, "vgg_w": 1.0})
    if torch.cuda.is_available():
        trainer.cuda()
    for it in range(2):
        images_a = torch.rand(2, 3, 16, 16) * 2 - 1
        images_b = torch.rand(2, 3, 16, 16) * 2 - 1
        if torch.cuda.is_available():
            images_a, images_b = images_a.cuda(), images_b.cuda()
        print(it, trainer.gen_update(images_a, images_b))
