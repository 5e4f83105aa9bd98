import torch
from transformers import AutoImageProcessor, AutoModelForImageClassification


# A classifier service: the model is halved only when a GPU is there, but the
# pixels are halved on every run. On a machine without a GPU the float32 model gets
# float16 pixels ('Input type (c10::Half) and bias type (float) should be the same').
class Classifier:
    def __init__(self, name):
        self.processor = AutoImageProcessor.from_pretrained(name)
        self.model = AutoModelForImageClassification.from_pretrained(name).eval()
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        self.model.to(self.device)
        if self.device == "cuda":
            self.model.half()

    @torch.no_grad()
    def predict(self, image):
        inputs = self.processor(images=image, return_tensors="pt")
        pixels = inputs.pixel_values.to(self.device).half()  # expect: TL107:18 lines=15,21
        logits = self.model(pixel_values=pixels).logits
        return logits.argmax(-1).item()
