# CLIP is loaded onto "cuda" by name inside the feature extractor, while the
# function that feeds it takes the device as a parameter whose default is the CPU:
# the images go to the CPU and meet the model's weights on the GPU.
import clip
import torch


class ImageFeatures:
    def __init__(self, arch="ViT-B/32"):
        self.model, self.preprocess = clip.load(arch, device="cuda")  # expect: TL204:39 lines=21,14

    def __call__(self, pixels):
        with torch.no_grad():
            return self.model.encode_image(pixels)


def embed_all(batches, device=torch.device("cpu")):
    extractor = ImageFeatures()
    out = []
    for pixels in batches:
        out.append(extractor(pixels.to(device)).cpu())
    return torch.cat(out)


if __name__ == "__main__":
    print(embed_all([torch.rand(4, 3, 224, 224)]).shape)
