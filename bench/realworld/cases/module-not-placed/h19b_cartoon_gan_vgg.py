# source: https://github.com/TobiasSunderdiek/cartoon-gan/issues/5
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: helper, loader-loop
# bug-lines: 21, 30
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torchvision import datasets, models, transforms

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
VGG_CACHE = "/content/drive/MyDrive/cartoon-gan/vgg16.pth"


def load_vgg16():
    try:
        vgg16 = torch.load(VGG_CACHE, weights_only=False)
        vgg16 = vgg16.to(device)
    except FileNotFoundError:
        vgg16 = models.vgg16(weights=models.VGG16_Weights.IMAGENET1K_V1)
        torch.save(vgg16, VGG_CACHE)
    feature_extractor = vgg16.features[:25]
    for p in feature_extractor.parameters():
        p.requires_grad = False
    return feature_extractor.eval()


def content_loss(feature_extractor, photos, generated):
    return nn.functional.l1_loss(feature_extractor(generated), feature_extractor(photos).detach())


def make_generator():
    return nn.Sequential(
        nn.Conv2d(3, 64, 7, padding=3), nn.BatchNorm2d(64), nn.ReLU(True),
        nn.Conv2d(64, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(True),
        nn.Conv2d(64, 3, 7, padding=3), nn.Tanh(),
    )


def pretrain_generator(epochs=10, w=10.0):
    tfm = transforms.Compose([transforms.Resize((256, 256)), transforms.ToTensor()])
    photos = datasets.ImageFolder("/content/photos", transform=tfm)
    loader = torch.utils.data.DataLoader(photos, batch_size=16, shuffle=True, num_workers=2)
    generator = make_generator().to(device)
    vgg = load_vgg16()
    optimizer = torch.optim.Adam(generator.parameters(), lr=2e-4, betas=(0.5, 0.999))
    for epoch in range(epochs):
        for images, _ in loader:
            images = images.to(device)
            generated = generator(images)
            loss = w * content_loss(vgg, images, generated)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"[{epoch + 1}/{epochs}] init content loss: {loss.item():.4f}")
    torch.save(generator.state_dict(), "/content/drive/MyDrive/cartoon-gan/generator_init.pth")


if __name__ == "__main__":
    pretrain_generator()
