import torch
from transformers import AutoImageProcessor, AutoModelForImageClassification


# The pixels follow the model: halved exactly when the model is (an `if` on the
# same test), or converted to whatever dtype the model has.
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
        pixels = inputs.pixel_values.to(self.device)
        pixels = pixels.half() if self.device == "cuda" else pixels
        return self.model(pixel_values=pixels).logits.argmax(-1).item()

    @torch.no_grad()
    def predict_like_model(self, image):
        inputs = self.processor(images=image, return_tensors="pt")
        pixels = inputs.pixel_values.to(self.device, dtype=self.model.dtype)
        return self.model(pixel_values=pixels).logits.argmax(-1).item()
