# source: https://github.com/lllyasviel/stable-diffusion-webui-forge/issues/2306
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument weight in method wrapper_CUDA__cudnn_convolution)
# pattern: module-not-placed
# shape: class
# bug-lines: 37, 44
# needs: torch, transformers, open_clip, pillow
# cpu: no written where torch was not installed; not run
"""Prompt interrogator: BLIP caption + best matching CLIP flavours."""
import open_clip
import torch
from PIL import Image
from transformers import BlipForConditionalGeneration, BlipProcessor

BLIP_REPO = "Salesforce/blip-image-captioning-large"


class Interrogator:
    def __init__(self, device=None, flavors=("oil painting", "photograph", "anime", "3d render")):
        self.device = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
        self.flavors = list(flavors)
        self.blip_model = None
        self.clip_model = None
        self.running_on_cpu = self.device.type == "cpu"

    def load_clip(self):
        model, _, preprocess = open_clip.create_model_and_transforms(
            "ViT-L-14", pretrained="openai", device=self.device
        )
        self.clip_model, self.clip_preprocess = model.eval(), preprocess
        self.clip_tokenizer = open_clip.get_tokenizer("ViT-L-14")

    def load(self):
        if self.clip_model is None:
            self.load_clip()
        if self.blip_model is None:
            self.blip_processor = BlipProcessor.from_pretrained(BLIP_REPO)
            self.blip_model = BlipForConditionalGeneration.from_pretrained(BLIP_REPO)
            self.blip_model.eval()

    @torch.no_grad()
    def generate_caption(self, pil_image, num_beams=1, min_length=24, max_length=48):
        inputs = self.blip_processor(images=pil_image, return_tensors="pt")
        gpu_image = inputs["pixel_values"].to(self.device)
        out = self.blip_model.generate(pixel_values=gpu_image, num_beams=num_beams,
                                       min_length=min_length, max_length=max_length)
        return self.blip_processor.decode(out[0], skip_special_tokens=True)

    @torch.no_grad()
    def rank_flavors(self, pil_image, top_k=2):
        image = self.clip_preprocess(pil_image).unsqueeze(0).to(self.device)
        text = self.clip_tokenizer(self.flavors).to(self.device)
        img_f = self.clip_model.encode_image(image)
        txt_f = self.clip_model.encode_text(text)
        img_f = img_f / img_f.norm(dim=-1, keepdim=True)
        txt_f = txt_f / txt_f.norm(dim=-1, keepdim=True)
        scores = (img_f @ txt_f.T).squeeze(0)
        return [self.flavors[i] for i in scores.topk(top_k).indices.tolist()]

    def interrogate(self, pil_image):
        self.load()
        caption = self.generate_caption(pil_image)
        return ", ".join([caption] + self.rank_flavors(pil_image))


if __name__ == "__main__":
    print(Interrogator().interrogate(Image.open("input.png").convert("RGB")))
