# source: https://github.com/salesforce/LAVIS/issues/162
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.HalfTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: partial-dtype-cast
# shape: class, helper
# bug-lines: 26
# needs: torch, timm, transformers, pillow, torchvision
# cpu: no written where torch was not installed; not run
"""BLIP-2 style captioner: frozen EVA ViT + Q-Former queries + OPT decoder."""
import timm
import torch
import torch.nn as nn
from PIL import Image
from torchvision import transforms
from transformers import AutoTokenizer, OPTForCausalLM


def init_vision_encoder(model_name, img_size, precision="fp16"):
    visual_encoder = timm.create_model(
        model_name, pretrained=True, num_classes=0, img_size=img_size
    )
    for p in visual_encoder.parameters():
        p.requires_grad = False
    visual_encoder.eval()
    ln_vision = nn.LayerNorm(visual_encoder.num_features)
    if precision == "fp16":
        visual_encoder = visual_encoder.half()
    return visual_encoder, ln_vision


class Blip2OPTCaptioner(nn.Module):
    def __init__(self, vit_name="eva_giant_patch14_224.clip_ft_in1k", img_size=224,
                 vit_precision="fp16", opt_name="facebook/opt-2.7b", num_query_token=32):
        super().__init__()
        self.visual_encoder, self.ln_vision = init_vision_encoder(vit_name, img_size, vit_precision)
        q_dim = 768
        layer = nn.TransformerDecoderLayer(d_model=q_dim, nhead=12, batch_first=True)
        self.qformer = nn.TransformerDecoder(layer, num_layers=6)
        self.query_tokens = nn.Parameter(torch.zeros(1, num_query_token, q_dim))
        self.vision_proj = nn.Linear(self.visual_encoder.num_features, q_dim)
        self.opt_tokenizer = AutoTokenizer.from_pretrained(opt_name, use_fast=False)
        self.opt_model = OPTForCausalLM.from_pretrained(opt_name)
        self.opt_proj = nn.Linear(q_dim, self.opt_model.config.hidden_size)

    @torch.no_grad()
    def generate(self, image, prompt="a photo of", max_new_tokens=30):
        image_embeds = self.ln_vision(self.visual_encoder.forward_features(image))
        image_embeds = self.vision_proj(image_embeds)
        queries = self.query_tokens.expand(image.shape[0], -1, -1)
        q_out = self.qformer(queries, image_embeds)
        inputs_opt = self.opt_proj(q_out)
        tokens = self.opt_tokenizer([prompt] * image.shape[0], return_tensors="pt").to(image.device)
        text_embeds = self.opt_model.get_input_embeddings()(tokens.input_ids)
        out = self.opt_model.generate(inputs_embeds=torch.cat([inputs_opt, text_embeds], dim=1),
                                      max_new_tokens=max_new_tokens)
        return self.opt_tokenizer.batch_decode(out, skip_special_tokens=True)


if __name__ == "__main__":
    device = torch.device("cpu")
    model = Blip2OPTCaptioner().to(device).eval()
    preprocess = transforms.Compose([
        transforms.Resize((224, 224), interpolation=transforms.InterpolationMode.BICUBIC),
        transforms.ToTensor(),
        transforms.Normalize((0.48145466, 0.4578275, 0.40821073), (0.26862954, 0.26130258, 0.27577711)),
    ])
    raw_image = Image.open("merlion.png").convert("RGB")
    image = preprocess(raw_image).unsqueeze(0).to(device)
    print(model.generate(image, prompt="Question: which city is this? Answer:"))
