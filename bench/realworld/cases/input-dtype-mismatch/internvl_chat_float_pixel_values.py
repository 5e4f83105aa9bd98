# source: https://github.com/OpenGVLab/InternVL/issues/602
# error: RuntimeError: Input type (float) and bias type (c10::BFloat16) should be the same
# pattern: input-dtype-mismatch
# shape: helper
# bug-lines: 50
# cpu: raises "Input type (float) and bias type (c10::BFloat16)"
# needs: torch
import torch
import torch.nn as nn
import torch.nn.functional as F

IMAGENET_MEAN = torch.tensor([0.485, 0.456, 0.406]).view(3, 1, 1)
IMAGENET_STD = torch.tensor([0.229, 0.224, 0.225]).view(3, 1, 1)


class InternVLChatModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.vision_model = nn.Sequential(nn.Conv2d(3, 16, 14, stride=14), nn.Flatten(2))
        self.mlp1 = nn.Linear(16, 32)
        self.lm_head = nn.Linear(32, 50)

    def extract_feature(self, pixel_values):
        vit_embeds = self.vision_model(pixel_values).transpose(1, 2)
        return self.mlp1(vit_embeds)

    @torch.no_grad()
    def chat(self, tokenizer, pixel_values, question, generation_config):
        vit_embeds = self.extract_feature(pixel_values)
        logits = self.lm_head(vit_embeds.mean(1))
        return tokenizer(logits.argmax(-1).tolist()), None


def dynamic_preprocess(image, image_size=28, max_num=4):
    tiles = image.unfold(1, image_size, image_size).unfold(2, image_size, image_size)
    tiles = tiles.permute(1, 2, 0, 3, 4).reshape(-1, 3, image_size, image_size)
    return tiles[:max_num]


def load_image(image, input_size=28, max_num=4):
    image = F.interpolate(image[None], size=(56, 56), mode="bilinear")[0]
    tiles = [(t - IMAGENET_MEAN) / IMAGENET_STD for t in dynamic_preprocess(image, input_size, max_num)]
    return torch.stack(tiles)


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = InternVLChatModel().to(torch.bfloat16).eval().to(device)
    tokenizer = lambda ids: " ".join(map(str, ids))
    pixel_values = load_image(torch.rand(3, 60, 80), max_num=4).to(device)
    generation_config = dict(max_new_tokens=64, do_sample=False)
    response, history = model.chat(tokenizer, pixel_values, "<image>\nDescribe the image.", generation_config)
    print(response)
