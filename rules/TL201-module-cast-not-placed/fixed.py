# MiniCPM-V LoRA fine-tuning, as in the report that started torchlint: the model is
# loaded, cast to half, wrapped with LoRA and never placed (the script relied on the
# training loop to do it). The batch is on the GPU, the weights are not.
import torch
import torch.nn as nn
from peft import LoraConfig, get_peft_model
from transformers import AutoModel, CLIPVisionModel


def train(model_path, batches, local_rank):
    device = torch.device("cuda", local_rank)
    model = AutoModel.from_pretrained(model_path, trust_remote_code=True)
    model = model.half()
    model = get_peft_model(model, LoraConfig(r=64, target_modules=["q_proj", "v_proj"]))
    for batch in batches:
        pixel_values = batch["pixel_values"].to(device)
        loss = model(pixel_values)  # expect: TL201:16 lines=13,14,16
        loss.backward()


def caption(path, images):
    # A bfloat16 cast with .to(dtype): still no device.
    vision_tower = CLIPVisionModel.from_pretrained(path)
    vision_tower.to(torch.bfloat16)
    images = images.cuda()
    return vision_tower(images)  # expect: TL201:12 lines=24,25


def load_in_half(path, image, device):
    # torch_dtype= casts while loading; without device_map nothing places it.
    model = AutoModel.from_pretrained(path, torch_dtype=torch.float16)
    return model.generate(image.to(device))  # expect: TL201:12 lines=31,32


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(512, 10)

    def forward(self, x):
        return self.fc(x)


def classify(features):
    # The first weighted layer is a Linear: the run says "Expected all tensors to be
    # on the same device", and so does the message.
    model = Classifier().half()
    return model(features.cuda().half())  # expect: TL201:12 lines=47,48


def classify_parallel(features):
    # DataParallel moves the module to the GPU itself when it sees one device; with
    # more than one, the call fails (the message says so, as TL203 reasons).
    model = nn.DataParallel(Classifier().half())
    return model(features.cuda().half())  # expect: TL201:12 lines=54,54,55
