from enum import StrEnum


class OutputType(StrEnum):
    AUDIO = "audio"
    FILE = "file"
    IMAGE = "image"
    LATENT = "latent"
    TEXT = "text"
    VIDEO = "video"

    def __str__(self) -> str:
        return str(self.value)
