# source: https://github.com/pytorch/pytorch/issues/74625
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# bug-lines: 60
# needs: torch, torchvision, transformers, pillow
# cpu: no written where torch was not installed; not run
"""Multimodal captioner: a CLIP-like image prefix feeding a GPT-2 language model."""
import torch
import torch.nn as nn
from PIL import Image
from torchvision import models, transforms
from transformers import GPT2LMHeadModel, GPT2TokenizerFast


class ImagePrefix(nn.Module):
    def __init__(self, out_dim, n_tokens=8):
        super().__init__()
        backbone = models.resnet50(weights=models.ResNet50_Weights.DEFAULT)
        self.enc = nn.Sequential(*list(backbone.children())[:-1])
        self.proj = nn.Linear(2048, out_dim * n_tokens)
        self.n_tokens = n_tokens
        self.out_dim = out_dim

    def forward(self, x):
        feats = self.enc(x).flatten(1)
        return self.proj(feats).view(x.shape[0], self.n_tokens, self.out_dim)


class Captioner(nn.Module):
    def __init__(self, lm_name="gpt2"):
        super().__init__()
        self.lm = GPT2LMHeadModel.from_pretrained(lm_name)
        self.tokenizer = GPT2TokenizerFast.from_pretrained(lm_name)
        self.image_prefix = ImagePrefix(self.lm.config.n_embd)
        self.transforms = transforms.Compose([
            transforms.Resize(224), transforms.CenterCrop(224), transforms.ToTensor(),
            transforms.Normalize([0.481, 0.458, 0.408], [0.269, 0.261, 0.276]),
        ])

    def preprocess_inputs(self, image, prompt):
        param = next(self.parameters())
        pixels = self.transforms(image).unsqueeze(0).to(param.device, param.dtype)
        image_embeds = self.image_prefix(pixels)
        ids = self.tokenizer(prompt, return_tensors="pt").input_ids.to(param.device)
        text_embeds = self.lm.transformer.wte(ids)
        return torch.cat([image_embeds, text_embeds], dim=1)

    @torch.no_grad()
    def generate(self, embeddings, max_new_tokens=30):
        out = self.lm.generate(inputs_embeds=embeddings, max_new_tokens=max_new_tokens,
                               do_sample=False, pad_token_id=self.tokenizer.eos_token_id)
        return self.tokenizer.decode(out[0], skip_special_tokens=True)


def load_captioner(checkpoint, device):
    model = Captioner()
    state = torch.load(checkpoint, map_location="cpu")
    model.load_state_dict(state, strict=False)
    return model.half().to(device).eval()


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = load_captioner("captioner_ckpt.pt", device)
    img = Image.open("example.jpg").convert("RGB")
    with torch.no_grad():
        embeddings = model.preprocess_inputs(img, "A picture of")
    print(model.generate(embeddings))
