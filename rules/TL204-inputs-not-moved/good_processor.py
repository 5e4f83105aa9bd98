from transformers import CLIPModel, CLIPProcessor


# The same service, moving what the processor returns to the model's device.
class ClipVectorizer:
    def __init__(self, cuda, cuda_core):
        self.device = "cpu"
        if cuda:
            self.device = cuda_core
        self.model = CLIPModel.from_pretrained("openai/clip-vit-base-patch32").to(self.device)
        self.processor = CLIPProcessor.from_pretrained("openai/clip-vit-base-patch32")

    def texts(self, texts):
        inputs = self.processor(text=texts, return_tensors="pt", padding=True)
        return self.model.get_text_features(**inputs.to(self.device))


if __name__ == "__main__":
    print(ClipVectorizer(True, "cuda:0").texts(["a photo of a cat"]).shape)
