# source: https://github.com/huangeddie/style-transfer-quality/issues/15
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, class
# bug-lines: 27, 72
# needs: torch, torchvision, PIL
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F
from PIL import Image
from torchvision import models, transforms

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

CONTENT_LAYERS = {"21": "conv4_2"}
STYLE_LAYERS = {"0": "conv1_1", "5": "conv2_1", "10": "conv3_1", "19": "conv4_1", "28": "conv5_1"}
_to_tensor = transforms.Compose([transforms.Resize(512), transforms.ToTensor()])


def load_image(path):
    img = Image.open(path).convert("RGB")
    return _to_tensor(img).unsqueeze(0).to(device)


def to_pil(img_tensor):
    arr = img_tensor.detach().squeeze(0).clamp(0, 1).mul(255).byte()
    return Image.fromarray(arr.permute(1, 2, 0).numpy())


def gram_matrix(feat):
    _, c, h, w = feat.size()
    flat = feat.view(c, h * w)
    return flat @ flat.t() / (c * h * w)


class StyleTransfer:
    def __init__(self, style_weight=1e3, lr=0.02):
        self.vgg = models.vgg19(pretrained=True).features.to(device).eval()
        for p in self.vgg.parameters():
            p.requires_grad_(False)
        self.style_weight = style_weight
        self.lr = lr

    def _features(self, x, layers):
        out = {}
        for name, layer in self.vgg._modules.items():
            x = layer(x)
            if name in layers:
                out[layers[name]] = x
        return out

    def run(self, content_path, style_path, steps=400, snapshot_every=50):
        content = load_image(content_path)
        style = load_image(style_path)
        style = F.interpolate(style, size=content.shape[-2:], mode="bilinear", align_corners=False)
        content_feats = self._features(content, CONTENT_LAYERS)
        style_grams = {k: gram_matrix(v) for k, v in self._features(style, STYLE_LAYERS).items()}

        gen_img = content.clone().requires_grad_(True)
        optimizer = torch.optim.Adam([gen_img], lr=self.lr)
        gen_hist = []
        for step in range(steps):
            c_feats = self._features(gen_img, CONTENT_LAYERS)
            s_feats = self._features(gen_img, STYLE_LAYERS)
            c_loss = F.mse_loss(c_feats["conv4_2"], content_feats["conv4_2"])
            s_loss = sum(F.mse_loss(gram_matrix(s_feats[k]), style_grams[k]) for k in style_grams)
            loss = c_loss + self.style_weight * s_loss
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if step % snapshot_every == 0:
                gen_hist.append(to_pil(gen_img))
        return gen_hist


if __name__ == "__main__":
    frames = StyleTransfer().run("content.jpg", "style.jpg")
    frames[0].save("progress.gif", save_all=True, append_images=frames[1:], duration=200)
