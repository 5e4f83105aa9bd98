from transformers import CLIPModel, CLIPProcessor


# A CLIP vectorizer service: the device is the CPU unless a flag says to use the GPU
# it names, and the processor's tensors are never moved (weaviate multi2vec-clip).
class ClipVectorizer:
    def __init__(self, cuda, cuda_core):
        device = "cpu"
        if cuda:
            device = cuda_core
        self.model = CLIPModel.from_pretrained("openai/clip-vit-base-patch32").to(device)
        self.processor = CLIPProcessor.from_pretrained("openai/clip-vit-base-patch32")

    def texts(self, texts):
        inputs = self.processor(text=texts, return_tensors="pt", padding=True)
        return self.model.get_text_features(**inputs)  # expect: TL204:47 lines=15,11


if __name__ == "__main__":
    print(ClipVectorizer(True, "cuda:0").texts(["a photo of a cat"]).shape)
