# CLIP is loaded onto the device the caller chooses, and the images are moved to
# that same device.
import clip
import torch


class ImageFeatures:
    def __init__(self, device, arch="ViT-B/32"):
        self.model, self.preprocess = clip.load(arch, device=device)

    def __call__(self, pixels):
        with torch.no_grad():
            return self.model.encode_image(pixels)


def embed_all(batches, device=torch.device("cpu")):
    extractor = ImageFeatures(device)
    out = []
    for pixels in batches:
        out.append(extractor(pixels.to(device)).cpu())
    return torch.cat(out)


if __name__ == "__main__":
    print(embed_all([torch.rand(4, 3, 224, 224)]).shape)
